import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit, SearchResult } from '../../../../shared/ipc/insights-contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError } from '../../lib/api';
import { useDebounced } from '../cases/use-debounced';
import { Highlighted } from './Highlighted';
import { useSearch } from './queries';
import '../../styles/insights.css';

interface SearchPaletteProps {
  open: boolean;
  onClose: () => void;
  onOpenHit: (hit: SearchHit) => void;
}

/**
 * The Ctrl/Cmd+K search: a modal <dialog> (the page behind is inert, Esc
 * closes, focus returns to the opener) holding a combobox whose listbox
 * groups the hits by kind.
 */
export function SearchPalette({ open, onClose, onOpenHit }: SearchPaletteProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open || dialog.open) return undefined;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog search-dialog"
      aria-label={t('search.dialogLabel')}
      onCancel={(event) => {
        event.preventDefault();
        onCloseRef.current();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside the panel) closes it.
        if (event.target === ref.current) onCloseRef.current();
      }}
    >
      {open ? <SearchPanel onOpenHit={onOpenHit} /> : null}
    </dialog>
  );
}

interface FlatHit {
  hit: SearchHit;
  index: number;
}

function SearchPanel({ onOpenHit }: { onOpenHit: (hit: SearchHit) => void }) {
  const { t } = useTranslation();
  const base = useId();
  const listId = `${base}-list`;
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [openWhenReady, setOpenWhenReady] = useState(false);
  const settled = useDebounced(text, 150);
  const query = useSearch(settled);
  const wanted = text.trim();
  const result: SearchResult | undefined = wanted === '' ? undefined : query.data;
  const current = result !== undefined && result.query === wanted && !query.isFetching;

  const groups = useMemo(() => {
    let index = 0;
    return (result?.groups ?? [])
      .filter((group) => group.hits.length > 0)
      .map((group) => ({ ...group, items: group.hits.map((hit): FlatHit => ({ hit, index: index++ })) }));
  }, [result]);
  const flat = useMemo(() => groups.flatMap((group) => group.items), [groups]);
  const optionId = (index: number) => `${base}-option-${index}`;
  const activeIndex = flat.length === 0 ? -1 : Math.min(active, flat.length - 1);

  // New results: the first one is active again.
  useEffect(() => setActive(0), [result]);

  useEffect(() => {
    if (activeIndex >= 0) document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  // Enter pressed before the results for the latest keystrokes arrived: open the first one then.
  useEffect(() => {
    if (!openWhenReady || !current) return;
    setOpenWhenReady(false);
    if (flat[0]) onOpenHit(flat[0].hit);
  }, [openWhenReady, current, flat, onOpenHit]);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (flat.length > 0) setActive((activeIndex + 1) % flat.length);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (flat.length > 0) setActive((activeIndex - 1 + flat.length) % flat.length);
        break;
      case 'Home':
      case 'End':
        if (flat.length > 0 && event.ctrlKey) {
          event.preventDefault();
          setActive(event.key === 'Home' ? 0 : flat.length - 1);
        }
        break;
      case 'Enter': {
        event.preventDefault();
        if (wanted === '') return;
        if (!current) setOpenWhenReady(true);
        else if (flat[activeIndex]) onOpenHit(flat[activeIndex].hit);
        break;
      }
      default:
        break;
    }
  }

  const total = flat.length;
  const busy = wanted !== '' && !current && !query.isError;

  return (
    <div className="search">
      <div className="search__bar">
        <svg className="search__icon" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
          <circle cx="11" cy="11" r="7" />
          <path d="M20 20l-3.5-3.5" />
        </svg>
        <input
          className="search__input"
          type="text"
          role="combobox"
          dir="auto"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          aria-label={t('search.inputLabel')}
          placeholder={t('search.placeholder')}
          aria-expanded={total > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
          aria-busy={busy || undefined}
          maxLength={200}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <kbd className="search__esc" aria-hidden="true">
          Esc
        </kbd>
      </div>
      <p className="visually-hidden" role="status">
        {wanted !== '' && current ? (total > 0 ? t('search.count', { count: total }) : t('search.noResults', { query: wanted })) : ''}
      </p>
      <div className="search__body">
        <div role="listbox" id={listId} aria-label={t('search.resultsLabel')} className="search__list" hidden={total === 0}>
          {groups.map((group) => (
            <div key={group.kind} role="group" aria-labelledby={`${base}-group-${group.kind}`} className="search__group">
              <div role="presentation" id={`${base}-group-${group.kind}`} className="search__group-title">
                {t(`search.kinds.${group.kind}`)}
              </div>
              {group.items.map(({ hit, index }) => (
                <div
                  key={`${hit.kind}-${hit.id}`}
                  id={optionId(index)}
                  role="option"
                  aria-selected={index === activeIndex}
                  className="search__option"
                  onMouseMove={() => {
                    if (index !== activeIndex) setActive(index);
                  }}
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => onOpenHit(hit)}
                >
                  <span className="search__option-main">
                    <Highlighted parts={hit.title} className="search__title" />
                    {hit.caseCode && hit.kind !== 'case' ? <span className="search__code">{hit.caseCode}</span> : null}
                  </span>
                  {hit.snippet.length > 0 ? <Highlighted parts={hit.snippet} className="search__snippet" /> : null}
                </div>
              ))}
              {group.more ? <div role="presentation" className="search__more">{t('search.more')}</div> : null}
            </div>
          ))}
        </div>
        {query.isError && wanted !== '' ? <ErrorAlert error={asAppError(query.error)} /> : null}
        {wanted === '' ? (
          <div className="search__state">
            <p className="search__state-title">{t('search.hintTitle')}</p>
            <p className="muted">{t('search.hint')}</p>
          </div>
        ) : null}
        {busy && total === 0 ? <p className="search__state muted">{t('search.searching')}</p> : null}
        {wanted !== '' && current && total === 0 ? (
          <div className="search__state">
            <p className="search__state-title" dir="auto">
              {t('search.noResults', { query: wanted })}
            </p>
            <p className="muted">{t('search.noResultsHint')}</p>
          </div>
        ) : null}
      </div>
      <p className="search__keys muted small" aria-hidden="true">
        {t('search.keys')}
      </p>
    </div>
  );
}
