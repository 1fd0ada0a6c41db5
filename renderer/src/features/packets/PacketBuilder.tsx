import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { templateAnswers as templateAnswersSchema, type TemplateAnswers } from '../../../../shared/domain/packet';
import type { ReferralDto } from '../../../../shared/domain/records';
import type { PacketHistoryEntry, PacketRequest } from '../../../../shared/ipc/packets-contract';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError } from '../../lib/api';
import { useEvidenceList } from '../evidence/queries';
import { ConsentForm } from '../consent/ConsentForm';
import { ConsentGatePanel } from './ConsentGatePanel';
import { EvidenceChoices, ThreatChoices } from './ContentChoices';
import { DestinationField, destinationProblem, useDestination } from './DestinationField';
import { PacketDocumentView } from './PacketDocumentView';
import { possibleMatchesIn, PossibleMatchProvider, type PossibleMatchDecisions } from './PacketTextView';
import { ProfileChoice } from './ProfileChoice';
import { useExportPacket, usePacketPreview } from './queries';
import { MIN_SEAL_LENGTH, NO_SEAL, SealFields, sealProblems, type SealState } from './SealFields';
import { TemplateAnswersFields } from './TemplateAnswersFields';
import '../../styles/packets.css';

const EMPTY_ANSWERS: TemplateAnswers = templateAnswersSchema.parse({});
/** Typing settles for this long before the preview is asked again. */
const PREVIEW_DELAY_MS = 300;

export interface ExportedPacket {
  path: string;
  entry: PacketHistoryEntry;
}

interface PacketBuilderProps {
  referral: ReferralDto;
  onDirtyChange: (dirty: boolean) => void;
  onExported: (result: ExportedPacket) => void;
}

/**
 * Left, the choices; right, the packet exactly as it would go, asked again of
 * the service (packets:preview) shortly after every change. Export uses the
 * same request the preview shows, and only once that preview is current and
 * nothing blocks it.
 */
export function PacketBuilder({ referral, onDirtyChange, onExported }: PacketBuilderProps) {
  const { t } = useTranslation();
  const previewTitleId = useId();
  const errorRef = useRef<HTMLDivElement>(null);
  const [profileId, setProfileId] = useState<string | undefined>(undefined);
  const [threatIds, setThreatIds] = useState<string[]>(() => [...referral.threatIds]);
  // null until the caseworker touches the list: then the defaults below apply.
  const [evidenceIds, setEvidenceIds] = useState<string[] | null>(null);
  const [asIs, setAsIs] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [answers, setAnswers] = useState<TemplateAnswers>(EMPTY_ANSWERS);
  const [seal, setSeal] = useState<SealState>(NO_SEAL);
  const [recordingConsent, setRecordingConsent] = useState(false);
  const gateRef = useRef<HTMLDivElement>(null);
  const returnedFromConsent = useRef(false);
  // Possible matches the caseworker kept as written, or confirmed as the withheld person (replaced either way until kept).
  const [kept, setKept] = useState<string[]>([]);
  const [confirmed, setConfirmed] = useState<string[]>([]);
  const decisions: PossibleMatchDecisions = useMemo(
    () => ({
      kept: new Set(kept),
      confirmed: new Set(confirmed),
      keep: (key) => {
        setKept((prev) => (prev.includes(key) ? prev : [...prev, key]));
        setConfirmed((prev) => prev.filter((k) => k !== key));
      },
      confirm: (key) => setConfirmed((prev) => (prev.includes(key) ? prev : [...prev, key])),
      reset: (key) => {
        setKept((prev) => prev.filter((k) => k !== key));
        setConfirmed((prev) => prev.filter((k) => k !== key));
      },
    }),
    [kept, confirmed],
  );
  const destination = useDestination();
  const exportPacket = useExportPacket(referral.id, referral.caseId);
  const evidenceList = useEvidenceList(referral.caseId);

  // The request the preview was last asked for (as JSON, so equal choices are one request).
  const [sentJson, setSentJson] = useState(() => JSON.stringify(buildRequest(referral.id, undefined, [...referral.threatIds], [], [], '', EMPTY_ANSWERS)));
  const sentRequest = useMemo(() => JSON.parse(sentJson) as PacketRequest, [sentJson]);
  const preview = usePacketPreview(sentRequest);
  const data = preview.data;

  // Until chosen otherwise: the cleanable files this profile allows that belong to the referral's threats.
  const defaultEvidence = useMemo(() => {
    if (!data || !evidenceList.data) return [];
    const linked = new Set(evidenceList.data.filter((e) => e.threatIds.some((id) => referral.threatIds.includes(id))).map((e) => e.id));
    return data.evidence.filter((o) => o.allowed && o.treatment === 'clean' && linked.has(o.id)).map((o) => o.id);
  }, [data, evidenceList.data, referral.threatIds]);
  const chosenEvidence = evidenceIds ?? defaultEvidence;

  const request = { ...buildRequest(referral.id, profileId, threatIds, chosenEvidence, asIs, reason, answers), keepPossible: [...kept].sort() };
  const requestJson = JSON.stringify(request);
  useEffect(() => {
    if (requestJson === sentJson) return undefined;
    const timer = setTimeout(() => setSentJson(requestJson), PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [requestJson, sentJson]);
  const current = requestJson === sentJson && !preview.isFetching && !preview.isPlaceholderData && !preview.isError;

  const dirty = kept.length > 0 || reason.trim() !== '' || seal.passphrase !== '' || JSON.stringify(answers) !== JSON.stringify(EMPTY_ANSWERS);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  // Back from the consent form: show the gate, where the result is.
  useEffect(() => {
    if (recordingConsent || !returnedFromConsent.current) return;
    returnedFromConsent.current = false;
    gateRef.current?.scrollIntoView({ block: 'nearest' });
  }, [recordingConsent]);

  // Show an export failure where the eye is: CONSENT_REQUIRED and LEAK_DETECTED say what to do.
  useEffect(() => {
    if (exportPacket.error) errorRef.current?.scrollIntoView({ block: 'nearest' });
  }, [exportPacket.error]);

  if (!data) {
    return (
      <div className="packet-builder packet-builder--loading">
        {preview.isError ? <ErrorAlert error={asAppError(preview.error)} /> : <p className="muted">{t('packets.builder.loading')}</p>}
      </div>
    );
  }

  const fileName = seal.enabled ? data.suggestedFileName.replace(/\.zip$/i, '_sealed.zip') : data.suggestedFileName;
  const seals = sealProblems(seal);
  const target = destination.valueFor(fileName);
  const pathProblem = destinationProblem(target);
  const serverBlockers = data.blockers.map((text) => (data.gate.state === 'blocked' && text === data.gate.message ? t('packets.blockers.consent') : text));
  const blockers = [
    ...serverBlockers,
    ...[pathProblem, seals.passphrase, seals.confirm].filter((key): key is string => Boolean(key)).map((key) => t(key, { count: MIN_SEAL_LENGTH })),
  ];
  const canExport = current && blockers.length === 0;

  const submit = () => {
    if (!canExport) return;
    const sealPassphrase = seal.enabled ? seal.passphrase : null;
    // The main process writes only where its save dialog was: get the dialog's one-time token for this path.
    void destination.saveTarget.tokenFor(target.trim()).then((place) => {
      if (!place) return;
      destination.set(place.path);
      exportPacket.run(
        { request, saveToken: place.token, sealPassphrase },
        {
          onSuccess: (out) => {
            setSeal(NO_SEAL);
            onExported(out);
          },
        },
      );
    });
  };

  return (
    <div className="packet-builder">
      {recordingConsent ? (
        <div className="packet-builder__choices">
          <ConsentForm
            caseId={referral.caseId}
            forReferral={{ id: referral.id, prefill: { recipientType: referral.recipientType, recipientOrg: referral.recipientOrg, purposeId: referral.purposeId } }}
            onDone={() => {
              returnedFromConsent.current = true;
              setRecordingConsent(false);
            }}
          />
        </div>
      ) : (
        <form
          className="packet-builder__choices"
          aria-label={t('packets.builder.choicesLabel')}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <ProfileChoice current={data.profile} onChange={setProfileId} />
          <div ref={gateRef}>
            <ConsentGatePanel gate={data.gate} reason={reason} onReasonChange={setReason} onRecordConsent={() => setRecordingConsent(true)} />
          </div>
          <ThreatChoices threats={data.threats} selected={threatIds} onChange={setThreatIds} />
          <EvidenceChoices
            evidence={data.evidence}
            selected={chosenEvidence}
            asIs={asIs}
            onChange={(ids) => {
              setEvidenceIds(ids);
              setAsIs((prev) => prev.filter((id) => ids.includes(id)));
            }}
            onAsIsChange={setAsIs}
          />
          <TemplateAnswersFields template={data.document.template} answers={answers} onChange={(patch) => setAnswers((prev) => ({ ...prev, ...patch }))} />
          <SealFields seal={seal} onChange={setSeal} />
          <DestinationField value={target} suggestedName={fileName} onChange={destination.set} saveTarget={destination.saveTarget} />
          <section className="packet-export" aria-label={t('packets.export.regionLabel')}>
            {blockers.length > 0 ? (
              <div className="packet-blockers" role="status">
                <p className="packet-blockers__title">{t('packets.blockers.title', { count: blockers.length })}</p>
                <ul className="packet-bullets">
                  {blockers.map((text) => (
                    <li key={text} dir="auto">
                      {text}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div ref={errorRef}>
              <ErrorAlert
                error={exportPacket.error}
                className={exportPacket.error && ['CONSENT_REQUIRED', 'LEAK_DETECTED'].includes(exportPacket.error.code) ? 'packet-error--prominent' : undefined}
              />
            </div>
            <div className="packet-export__row">
              <Button type="submit" variant="primary" disabled={!canExport} pending={exportPacket.isPending}>
                {seal.enabled ? t('packets.export.sealAndExport') : t('packets.export.export')}
              </Button>
              {!current && blockers.length === 0 ? (
                <span className="muted small" aria-live="polite">
                  {t('packets.preview.updating')}
                </span>
              ) : null}
            </div>
          </section>
        </form>
      )}

      <section className="packet-builder__preview" aria-labelledby={previewTitleId} aria-busy={!current || undefined}>
        <div className="packet-preview__bar">
          <h3 className="packet-preview__title" id={previewTitleId}>
            {t('packets.preview.title')}
          </h3>
          <span className="packet-preview__state small" role="status">
            {preview.isError ? '' : current ? t('packets.preview.upToDate') : t('packets.preview.updating')}
          </span>
        </div>
        {preview.isError ? <ErrorAlert error={asAppError(preview.error)} /> : null}
        {data.gate.state === 'blocked' ? (
          <Alert tone="danger" title={t('packets.preview.blockedBanner')}>
            {t('packets.preview.blockedBannerBody')}
          </Alert>
        ) : null}
        <PossibleMatchSummary document={data.document} decisions={decisions} />
        <div className={['packet-preview__paper', current ? null : 'packet-preview__paper--stale'].filter(Boolean).join(' ')} tabIndex={0} aria-label={t('packets.preview.paperLabel')}>
          <PossibleMatchProvider value={decisions}>
            <PacketDocumentView document={data.document} />
          </PossibleMatchProvider>
        </div>
      </section>
    </div>
  );
}

/** How many possible matches the preview holds and how many the caseworker has not looked at yet. */
function PossibleMatchSummary({ document, decisions }: { document: unknown; decisions: PossibleMatchDecisions }) {
  const { t } = useTranslation();
  const possible = possibleMatchesIn(document);
  if (possible.length === 0) return null;
  const open = possible.filter((p) => !decisions.kept.has(p.key!) && !decisions.confirmed.has(p.key!)).length;
  return (
    <Alert tone={open > 0 ? 'warning' : 'info'} title={t('packets.preview.possibleSummaryTitle', { count: possible.length })}>
      {open > 0 ? t('packets.preview.possibleSummaryOpen', { count: open }) : t('packets.preview.possibleSummaryDone')}
    </Alert>
  );
}

function buildRequest(
  referralId: string,
  profileId: string | undefined,
  threatIds: string[],
  evidenceIds: string[],
  asIs: string[],
  reason: string,
  answers: TemplateAnswers,
): PacketRequest {
  return {
    referralId,
    ...(profileId ? { profileId } : {}),
    threatIds: [...threatIds].sort(),
    evidenceIds: [...evidenceIds].sort(),
    includeAsIs: asIs.filter((id) => evidenceIds.includes(id)).sort(),
    overrideReason: reason.trim() === '' ? null : reason,
    templateAnswers: answers,
  };
}
