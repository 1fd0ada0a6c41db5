import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { SectionIcon } from './SectionIcon';
import type { EmptySection } from './sections';

/**
 * Cases, Contacts, Referrals and Dashboard are not built yet: each says
 * honestly what it will hold, with no sample data and no dead buttons.
 */
export function EmptySectionPage({ section }: { section: EmptySection }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <header className="page__header">
        <h1 className="page__title">{t(`sections.${section}.title`)}</h1>
      </header>
      <EmptyState title={t(`sections.${section}.emptyTitle`)} icon={<SectionIcon section={section} />}>
        <p>{t(`sections.${section}.emptyBody`)}</p>
      </EmptyState>
    </div>
  );
}
