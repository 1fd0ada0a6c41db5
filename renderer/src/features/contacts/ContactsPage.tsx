import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { asAppError } from '../../lib/api';
import { SensitivityBadge } from '../cases/labels';
import { useDebounced } from '../cases/use-debounced';
import { SectionIcon } from '../shell/SectionIcon';
import { useAllContacts } from './queries';

const ROW_HEIGHT = 76;

/** Every contact in the vault with the cases it appears in; virtualised and paged. */
export function ContactsPage({ onOpenCase }: { onOpenCase: (caseId: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const query = useAllContacts(useDebounced(text.trim(), 200));
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const total = query.data?.pages.at(-1)?.total ?? 0;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const rows = virtualizer.getVirtualItems();
  const last = rows.at(-1)?.index ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && last >= items.length - 20) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, last, items.length]);

  return (
    <div className="page page--wide">
      <header className="page__header">
        <h1 className="page__title">{t('sections.contacts.title')}</h1>
        <p className="page__lead">{query.data ? t('contacts.count', { count: total }) : t('common.loading')}</p>
      </header>
      {query.isError ? <ErrorAlert error={asAppError(query.error)} /> : null}
      {query.data && total === 0 && !text.trim() ? (
        <EmptyState title={t('sections.contacts.emptyTitle')} icon={<SectionIcon section="contacts" />}>
          <p>{t('sections.contacts.emptyBody')}</p>
          <p>{t('contacts.pageEmptyAction')}</p>
        </EmptyState>
      ) : (
        <>
          <TextField type="search" label={t('contacts.search')} dir="auto" autoComplete="off" value={text} onChange={(event) => setText(event.target.value)} />
          {query.data && total === 0 ? <p className="muted">{t('contacts.noSearchResults')}</p> : null}
          <div className="contact-rows" ref={scrollRef}>
            <ul aria-label={t('sections.contacts.title')} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {rows.map((row) => {
                const contact = items[row.index]!;
                return (
                  <li
                    key={contact.id}
                    className="contact-row"
                    style={{ position: 'absolute', top: 0, left: 0, right: 0, height: row.size, transform: `translateY(${row.start}px)` }}
                  >
                    <div className="contact-row__who">
                      <span className="contact-row__name" dir="auto">
                        {contact.name}
                      </span>
                      {contact.originalNames.length > 0 ? (
                        <span className="contact-row__original" dir="auto">
                          {contact.originalNames.join(' · ')}
                        </span>
                      ) : null}
                      <span className="muted small" dir="auto">
                        {[contact.city, contact.country].filter(Boolean).join(', ')}
                      </span>
                    </div>
                    <SensitivityBadge sensitivity={contact.sensitivity} />
                    <div className="contact-row__cases" aria-label={t('contacts.inCases', { name: contact.name })} role="group">
                      {contact.links.map((link) => (
                        <button key={link.caseId} type="button" className="case-chip" onClick={() => onOpenCase(link.caseId)}>
                          <span className="case-chip__code">{link.caseCode}</span>
                          <span className="case-chip__role">{t(`enums.role.${link.role}`)}</span>
                        </button>
                      ))}
                    </div>
                  </li>
                );
              })}
            </ul>
          </div>
        </>
      )}
    </div>
  );
}
