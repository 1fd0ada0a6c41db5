import type { DisclosureProfile } from '../../../shared/domain/disclosure-profile';
import type { PacketDocument, PacketField, PacketPerson, PacketText, PacketThreat, TemplateAnswers, TemplateSection } from '../../../shared/domain/packet';

/**
 * The sections each recipient template adds to a packet (police report,
 * Interpol CCF request, UN special-procedures communication, general
 * referral), built from the already-disclosed subject and timeline and the
 * caseworker's scrubbed answers. Nothing here reads the records themselves.
 */

export function field(key: string, label: string, value: PacketText): PacketField {
  return { key, label, value };
}

export interface TemplateContext {
  answers: TemplateAnswers;
  subject: PacketPerson;
  timeline: readonly PacketThreat[];
  profile: DisclosureProfile;
  organisation: { name: string; contact: string };
  scrub: (text: string) => PacketText;
}

function plain(text: string): PacketText {
  return { text, parts: text ? [{ text, redacted: false }] : [] };
}

function period(timeline: readonly PacketThreat[]): string {
  if (timeline.length === 0) return 'No incidents included';
  const first = timeline[0]!.date;
  const last = timeline[timeline.length - 1]!.date;
  return first === last ? first : `${first} to ${last}`;
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values.filter((v) => v !== '' && v !== 'Not recorded' && v !== 'Withheld'))];
}

export function templateSectionsFor(template: PacketDocument['template'], ctx: TemplateContext): TemplateSection[] {
  const { answers, subject, timeline, scrub } = ctx;
  const subjectField = (key: string) => subject.fields.find((f) => f.key === key);
  const optional = (...fields: Array<PacketField | undefined | false>) => fields.filter((f): f is PacketField => Boolean(f));
  const overview: TemplateSection = {
    id: 'incidents',
    title: 'Incidents at a glance',
    fields: [
      field('incidents.count', 'Number of incidents', plain(String(timeline.length))),
      field('incidents.period', 'Period', plain(period(timeline))),
      field('incidents.tactics', 'Tactics', plain(distinct(timeline.map((t) => t.tactic)).join('; '))),
      field('incidents.places', 'Places', plain(distinct(timeline.map((t) => t.place)).join('; '))),
    ],
  };
  const request = answers.requestedAction.trim() ? [{ id: 'request', title: 'What we ask', fields: [field('request.action', 'Requested action', scrub(answers.requestedAction))] }] : [];
  switch (template) {
    case 'police_report':
      return [...request, overview];
    case 'general':
      return [...request, overview];
    case 'interpol_ccf': {
      const types = { access: 'Access to data', correction: 'Correction of data', deletion: 'Deletion of data' } as const;
      const yesNo = (b: boolean) => plain(b ? 'Raised' : 'Not raised');
      return [
        {
          id: 'ccf.identity',
          title: 'Identity of the person concerned',
          fields: optional(
            field('ccf.name', 'Name', plain(subject.label)),
            subjectField('client.dateOfBirth'),
            subjectField('client.nationality'),
            subjectField('client.identityDocuments'),
          ),
        },
        {
          id: 'ccf.representation',
          title: 'Representation',
          fields: optional(
            answers.representation.trim() !== '' && field('ccf.representative', 'Representative', scrub(answers.representation)),
            field('ccf.organisation', 'Referring organisation', plain([ctx.organisation.name, ctx.organisation.contact].filter(Boolean).join(' — ') || 'Not set')),
          ),
        },
        { id: 'ccf.request', title: 'Request', fields: [field('ccf.requestType', 'Type of request', plain(answers.requestType ? types[answers.requestType] : 'Not chosen'))] },
        {
          id: 'ccf.arguments',
          title: 'Arguments',
          fields: optional(
            field('ccf.political', 'Predominantly political character (Article 3 of INTERPOL’s Constitution)', yesNo(answers.argumentPoliticalCharacter)),
            field('ccf.refugee', 'Refugee status or asylum claim', yesNo(answers.argumentRefugeeStatus)),
            answers.argumentRefugeeStatus && subjectField('client.immigrationStatus'),
            answers.argumentsText.trim() !== '' && field('ccf.argumentsText', 'Further arguments', scrub(answers.argumentsText)),
          ),
        },
        {
          id: 'ccf.confidential',
          title: 'Items marked confidential',
          fields: [field('ccf.confidentialItems', 'To be kept confidential from the requesting country', answers.confidentialItems.trim() ? scrub(answers.confidentialItems) : plain('None marked'))],
        },
        overview,
      ];
    }
    case 'un_communication': {
      const victims = distinct([subject.label, ...timeline.map((t) => t.target)]);
      const perpetrators = distinct(timeline.flatMap((t) => t.perpetrators));
      return [
        {
          id: 'un.victim',
          title: 'Alleged victim(s)',
          fields: optional(field('un.victims', 'Alleged victim(s)', plain(victims.join('; '))), subjectField('client.nationality'), subjectField('client.residenceCountry')),
        },
        { id: 'un.perpetrator', title: 'Alleged perpetrator(s)', fields: [field('un.perpetrators', 'Alleged perpetrator(s)', plain(perpetrators.join('; ') || 'Not identified'))] },
        {
          id: 'un.when_where',
          title: 'Date and place',
          fields: [field('un.period', 'Date(s)', plain(period(timeline))), field('un.places', 'Place(s)', plain(distinct(timeline.map((t) => t.place)).join('; ') || 'Not recorded'))],
        },
        {
          id: 'un.description',
          title: 'Description of the facts',
          fields: [field('un.facts', 'Facts', plain(timeline.length > 0 ? `Set out incident by incident in the timeline (${timeline[0]!.ref}–${timeline[timeline.length - 1]!.ref}).` : 'No incidents included.'))],
        },
        {
          id: 'un.confidential',
          title: 'Confidentiality',
          fields: optional(
            !subject.named && field('un.identity', 'Identity of the alleged victim', plain('To be kept confidential. The person is identified only by the case code.')),
            field('un.confidentialItems', 'Also to be kept confidential', answers.confidentialItems.trim() ? scrub(answers.confidentialItems) : plain('Nothing further')),
          ),
        },
        ...request,
      ];
    }
    default: {
      const unhandled: never = template;
      return unhandled;
    }
  }
}
