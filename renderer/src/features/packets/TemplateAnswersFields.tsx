import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CCF_REQUEST_TYPES, type PacketTemplate, type TemplateAnswers } from '../../../../shared/domain/packet';
import { Checkbox } from '../../components/Checkbox';
import { TextArea } from '../../components/TextArea';

interface TemplateAnswersFieldsProps {
  template: PacketTemplate;
  answers: TemplateAnswers;
  onChange: (patch: Partial<TemplateAnswers>) => void;
}

/** What the recipient's template asks of the caseworker. Everything typed here is scrubbed like any other text. */
export function TemplateAnswersFields({ template, answers, onChange }: TemplateAnswersFieldsProps) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="packet-choice" aria-labelledby={titleId}>
      <h3 className="packet-choice__title" id={titleId}>
        {t(`packets.template.title.${template}`)}
      </h3>
      <p className="field__description">{t('packets.template.scrubbed')}</p>
      <TemplateFields template={template} answers={answers} onChange={onChange} />
    </section>
  );
}

function TemplateFields({ template, answers, onChange }: TemplateAnswersFieldsProps) {
  const { t } = useTranslation();
  const radioName = useId();
  switch (template) {
    case 'police_report':
    case 'general':
      return (
        <TextArea
          label={t('packets.template.requestedAction')}
          description={t(`packets.template.requestedActionHint.${template}`)}
          rows={3}
          maxLength={5000}
          value={answers.requestedAction}
          onChange={(event) => onChange({ requestedAction: event.target.value })}
        />
      );
    case 'interpol_ccf':
      return (
        <div className="stack stack--md">
          <fieldset className="check-group">
            <legend className="field__label">{t('packets.template.requestType')}</legend>
            <div className="radio-row">
              {CCF_REQUEST_TYPES.map((type) => (
                <label key={type} className="check-group__item">
                  <input type="radio" name={radioName} value={type} checked={answers.requestType === type} onChange={() => onChange({ requestType: type })} />
                  <span>{t(`packets.template.requestTypes.${type}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <TextArea
            label={t('packets.template.representation')}
            description={t('packets.template.representationHint')}
            rows={2}
            maxLength={2000}
            value={answers.representation}
            onChange={(event) => onChange({ representation: event.target.value })}
          />
          <fieldset className="check-group stack stack--xs">
            <legend className="field__label">{t('packets.template.arguments')}</legend>
            <Checkbox
              label={t('packets.template.argumentPoliticalCharacter')}
              description={t('packets.template.argumentPoliticalCharacterHint')}
              checked={answers.argumentPoliticalCharacter}
              onChange={(event) => onChange({ argumentPoliticalCharacter: event.target.checked })}
            />
            <Checkbox
              label={t('packets.template.argumentRefugeeStatus')}
              description={t('packets.template.argumentRefugeeStatusHint')}
              checked={answers.argumentRefugeeStatus}
              onChange={(event) => onChange({ argumentRefugeeStatus: event.target.checked })}
            />
          </fieldset>
          <TextArea
            label={t('packets.template.argumentsText')}
            rows={4}
            maxLength={20000}
            value={answers.argumentsText}
            onChange={(event) => onChange({ argumentsText: event.target.value })}
          />
          <ConfidentialItems answers={answers} onChange={onChange} />
        </div>
      );
    case 'un_communication':
      return <ConfidentialItems answers={answers} onChange={onChange} />;
    default: {
      const unreachable: never = template;
      return unreachable;
    }
  }
}

function ConfidentialItems({ answers, onChange }: Pick<TemplateAnswersFieldsProps, 'answers' | 'onChange'>) {
  const { t } = useTranslation();
  return (
    <TextArea
      label={t('packets.template.confidentialItems')}
      description={t('packets.template.confidentialItemsHint')}
      rows={3}
      maxLength={5000}
      value={answers.confidentialItems}
      onChange={(event) => onChange({ confidentialItems: event.target.value })}
    />
  );
}
