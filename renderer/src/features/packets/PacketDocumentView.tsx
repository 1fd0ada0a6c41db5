import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PacketDocument, PacketField, PacketPerson } from '../../../../shared/domain/packet';
import { ROLE_LABELS } from '../../../../shared/domain/packet-labels';
import { formatBytes, formatDay } from '../history/record-format';
import { PacketTextView, RedactionLegend } from './PacketTextView';

/**
 * The packet's content as the recipient will read it (referral.pdf and
 * referral.json hold the same document). Headings are the app's language;
 * the content is what the packet says, in English.
 */
export function PacketDocumentView({ document }: { document: PacketDocument }) {
  const { t } = useTranslation();
  return (
    <article className="packet-doc" aria-label={t('packets.preview.documentLabel')}>
      <RedactionLegend />
      <header className="packet-doc__cover">
        <p className="packet-doc__kicker">{t('packets.preview.cover')}</p>
        <h4 className="packet-doc__title">{document.title}</h4>
        <dl className="packet-facts">
          <Row label={t('packets.preview.recipient')}>
            <span dir="auto">{document.recipient.organisation || document.recipient.typeLabel}</span>
            {document.recipient.organisation ? <span className="packet-facts__sub">{document.recipient.typeLabel}</span> : null}
          </Row>
          {document.recipient.referenceNumber ? (
            <Row label={t('packets.preview.theirReference')}>
              <span dir="auto">{document.recipient.referenceNumber}</span>
            </Row>
          ) : null}
          <Row label={t('packets.preview.referringOrganisation')}>
            {document.referringOrganisation.name ? (
              <>
                <span dir="auto">{document.referringOrganisation.name}</span>
                {document.referringOrganisation.contact ? (
                  <span className="packet-facts__sub" dir="auto">
                    {document.referringOrganisation.contact}
                  </span>
                ) : null}
              </>
            ) : (
              <span className="packet-missing">{t('packets.preview.organisationMissing')}</span>
            )}
          </Row>
          <Row label={t('packets.preview.caseCode')}>
            <span className="mono">{document.caseCode}</span>
          </Row>
          <Row label={t('packets.preview.profile')}>
            <span dir="auto">{document.profile.label}</span>
          </Row>
          <Row label={t('packets.preview.purpose')}>
            <PacketTextView value={document.purpose} />
          </Row>
          <Row label={document.consent.kind === 'override' && document.consent.reason.text.trim() !== '' ? t('packets.preview.override') : t('packets.preview.consent')}>
            <ConsentFact consent={document.consent} />
          </Row>
        </dl>
      </header>

      <Section title={t('packets.preview.subject')}>
        <Person person={document.subject} />
        <div className="packet-doc__block">
          <p className="packet-doc__label">{t('packets.preview.summary')}</p>
          <p className="packet-doc__para">
            <PacketTextView value={document.summary} empty={t('packets.preview.withheldOrEmpty')} />
          </p>
        </div>
      </Section>

      <Section title={t('packets.preview.people', { count: document.people.length })}>
        {document.people.length === 0 ? (
          <p className="muted">{t('packets.preview.noPeople')}</p>
        ) : (
          <ul className="packet-people">
            {document.people.map((person) => (
              <li key={person.ref}>
                <Person person={person} />
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t('packets.preview.timeline', { count: document.timeline.length })}>
        {document.timeline.length === 0 ? <p className="muted">{t('packets.preview.noThreats')}</p> : <Timeline document={document} />}
      </Section>

      <Section title={t('packets.preview.evidence', { count: document.evidence.length })}>
        {document.evidence.length === 0 ? (
          <p className="muted">{t('packets.preview.noEvidence')}</p>
        ) : (
          <ul className="packet-evidence">
            {document.evidence.map((e) => (
              <li key={e.ref} className="packet-evidence__item">
                <p className="packet-evidence__head">
                  <span className="packet-ref">{e.ref}</span>
                  <PacketTextView value={e.originalName} empty={t('packets.preview.nameWithheld')} />
                </p>
                <p className="packet-evidence__meta">
                  {[
                    e.mediaType,
                    formatBytes(e.sizeBytes),
                    e.treatment === 're_encoded' ? t('packets.preview.reEncoded') : t('packets.preview.asIs'),
                    e.collectedAt ? t('packets.preview.collectedOn', { date: formatDay(e.collectedAt) }) : null,
                    e.threatRefs.length > 0 ? t('packets.preview.forThreats', { refs: e.threatRefs.join(', ') }) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
                {e.collectedHow.text ? (
                  <p className="packet-doc__para">
                    <span className="packet-inline-label">{t('packets.preview.collectedHow')}</span> <PacketTextView value={e.collectedHow} />
                  </p>
                ) : null}
                {e.description.text ? (
                  <p className="packet-doc__para">
                    <span className="packet-inline-label">{t('packets.preview.description')}</span> <PacketTextView value={e.description} />
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      {document.templateSections.map((section) => (
        <Section key={section.id} title={section.title}>
          <Fields fields={section.fields} />
        </Section>
      ))}

      <Section title={t('packets.preview.disclosureNotes')}>
        <ul className="packet-notes">
          {document.disclosureNotes.map((note, index) => (
            <li key={index}>{note}</li>
          ))}
        </ul>
      </Section>

      <RedactionSummary document={document} />
    </article>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="packet-doc__section">
      <h5 className="packet-doc__heading">{title}</h5>
      {children}
    </section>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="packet-facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ConsentFact({ consent }: { consent: PacketDocument['consent'] }) {
  const { t } = useTranslation();
  if (consent.kind === 'override' && consent.reason.text.trim() === '') {
    return <span className="packet-missing">{t('packets.preview.noConsentYet')}</span>;
  }
  if (consent.kind === 'override') {
    return (
      <span className="packet-override">
        <span className="packet-override__flag">{t('packets.preview.withoutConsent')}</span> <PacketTextView value={consent.reason} />
      </span>
    );
  }
  return (
    <span>
      {t('packets.preview.consentGiven', {
        date: formatDay(consent.givenOn),
        how: t(`consent.obtained.${consent.obtainedHow}`, { defaultValue: consent.obtainedHow }),
      })}
      <span className="packet-facts__sub">
        {[
          t(`consent.identity.${consent.scopeIdentity}`),
          consent.scopeEvidence ? t('consent.evidenceYes') : t('consent.evidenceNo'),
          consent.expiresOn ? t('packets.preview.expires', { date: formatDay(consent.expiresOn) }) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </span>
    </span>
  );
}

function Person({ person }: { person: PacketPerson }) {
  const { t } = useTranslation();
  return (
    <div className="packet-person">
      <p className="packet-person__head">
        <span className="packet-ref">{person.ref}</span>
        {person.named ? (
          <span className="packet-person__name" dir="auto">
            {person.label}
          </span>
        ) : (
          <mark className="packet-mark packet-person__name" title={t('packets.preview.markTitle')}>
            {person.label}
          </mark>
        )}
        <span className="packet-person__role">{roleLabel(person.role)}</span>
      </p>
      {person.fields.length > 0 ? <Fields fields={person.fields} /> : <p className="muted small">{t('packets.preview.noFields')}</p>}
    </div>
  );
}

/** The role as the packet prints it (English, like the rest of the packet's content). */
function roleLabel(role: string): string {
  if (role === 'client') return 'The client';
  return (ROLE_LABELS as Readonly<Record<string, string>>)[role] ?? role;
}

function Fields({ fields }: { fields: readonly PacketField[] }) {
  const { t } = useTranslation();
  if (fields.length === 0) return <p className="muted small">{t('packets.preview.noFields')}</p>;
  return (
    <dl className="packet-fields">
      {fields.map((field) => (
        <div key={field.key} className="packet-fields__row">
          <dt>{field.label}</dt>
          <dd>
            <PacketTextView value={field.value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Timeline({ document }: { document: PacketDocument }) {
  const { t } = useTranslation();
  return (
    <div className="packet-table-wrap">
      <table className="packet-table">
        <caption className="visually-hidden">{t('packets.preview.timeline', { count: document.timeline.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('packets.preview.ref')}</th>
            <th scope="col">{t('packets.preview.date')}</th>
            <th scope="col">{t('packets.preview.incident')}</th>
          </tr>
        </thead>
        <tbody>
          {document.timeline.map((threat) => (
            <tr key={threat.ref}>
              <th scope="row" className="packet-ref-cell">
                {threat.ref}
              </th>
              <td className="packet-date-cell">{threat.date}</td>
              <td>
                <p className="packet-incident__tactic" dir="auto">
                  {threat.tactic}
                </p>
                <p className="packet-incident__meta">
                  {[
                    threat.channel,
                    threat.place,
                    t('packets.preview.target', { who: threat.target }),
                    threat.perpetrators.length > 0 ? t('packets.preview.by', { who: threat.perpetrators.join(', ') }) : null,
                    t('packets.preview.severity', { n: threat.severity }),
                    threat.verification,
                    threat.evidenceRefs.length > 0 ? t('packets.preview.evidenceRefs', { refs: threat.evidenceRefs.join(', ') }) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
                <p className="packet-doc__para">
                  <PacketTextView value={threat.description} empty={t('packets.preview.noDescription')} />
                </p>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RedactionSummary({ document }: { document: PacketDocument }) {
  const { t } = useTranslation();
  const total = document.redactions.reduce((n, r) => n + r.count, 0);
  return (
    <section className="packet-doc__section packet-redactions" aria-label={t('packets.preview.redactionsTitle')}>
      <h5 className="packet-doc__heading">{t('packets.preview.redactionsTitle')}</h5>
      {document.redactions.length === 0 ? (
        <p className="muted">{t('packets.preview.noRedactions')}</p>
      ) : (
        <>
          <p className="muted small">{t('packets.preview.redactionsLead', { count: total })}</p>
          <div className="packet-table-wrap">
            <table className="packet-table">
              <caption className="visually-hidden">{t('packets.preview.redactionsTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('packets.preview.replacedBy')}</th>
                  <th scope="col" className="packet-num">
                    {t('packets.preview.times')}
                  </th>
                  <th scope="col">{t('packets.preview.kind')}</th>
                </tr>
              </thead>
              <tbody>
                {document.redactions.map((r) => (
                  <tr key={`${r.label}|${r.sensitivityClass}`}>
                    <td>
                      <mark className="packet-mark" dir="auto">
                        {r.label}
                      </mark>
                    </td>
                    <td className="packet-num">×{r.count}</td>
                    <td>{t(`profiles.classes.${r.sensitivityClass}.label`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
