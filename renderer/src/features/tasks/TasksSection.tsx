import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDto, TaskDto } from '../../../../shared/domain/records';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError } from '../../lib/api';
import { useCaseReferrals } from '../case-referrals/queries';
import { formatDay, formatInstant, todayIso } from '../history/record-format';
import { useSettings } from '../settings/queries';
import { useTasks, useUpdateTask } from './queries';
import { TaskForm } from './TaskForm';
import '../../styles/sections.css';

/** Open tasks by due date, then done ones (most recently done first). */
function ordered(tasks: readonly TaskDto[]): TaskDto[] {
  return [...tasks].sort((a, b) => {
    if ((a.doneAt === null) !== (b.doneAt === null)) return a.doneAt === null ? -1 : 1;
    if (a.doneAt && b.doneAt) return b.doneAt.localeCompare(a.doneAt);
    return a.dueOn.localeCompare(b.dueOn) || a.createdAt.localeCompare(b.createdAt);
  });
}

export function TasksSection({ caseFile }: { caseFile: CaseDto }) {
  const { t } = useTranslation();
  const list = useTasks(caseFile.id);
  const referrals = useCaseReferrals(caseFile.id);
  const settings = useSettings();
  const update = useUpdateTask(caseFile.id);
  const [editing, setEditing] = useState<TaskDto | 'new' | null>(null);
  const tasks = ordered(list.data ?? []);
  const today = todayIso();
  const referralItems = referrals.data?.items ?? [];
  const defaultAssignee = settings.data?.caseworkerName ?? caseFile.assignedTo;

  return (
    <div className="stack stack--lg records-section">
      <Card title={t('tasks.title')} description={t('tasks.description')}>
        <div className="stack stack--md">
          {editing === 'new' ? (
            <TaskForm caseId={caseFile.id} task={null} referrals={referralItems} defaultAssignee={defaultAssignee} onDone={() => setEditing(null)} />
          ) : (
            <div>
              <Button variant="primary" onClick={() => setEditing('new')}>
                {t('tasks.new')}
              </Button>
            </div>
          )}
          <ErrorAlert error={list.isError ? asAppError(list.error) : null} />
          <ErrorAlert error={update.isError ? asAppError(update.error) : null} />
          {list.isPending ? <p className="muted">{t('common.loading')}</p> : null}
          {list.data && tasks.length === 0 ? (
            <EmptyState title={t('tasks.emptyTitle')}>
              <p>{t('tasks.emptyBody')}</p>
            </EmptyState>
          ) : null}
          {tasks.length > 0 ? (
            <ul className="record-list" aria-label={t('tasks.title')}>
              {tasks.map((task) => {
                const done = task.doneAt !== null;
                const overdue = !done && task.dueOn < today;
                const referral = referralItems.find((r) => r.id === task.referralId);
                if (editing !== null && editing !== 'new' && editing.id === task.id) {
                  return (
                    <li key={task.id} className="record">
                      <TaskForm caseId={caseFile.id} task={task} referrals={referralItems} defaultAssignee={defaultAssignee} onDone={() => setEditing(null)} />
                    </li>
                  );
                }
                return (
                  <li key={task.id} className={['record', 'task', done ? 'task--done' : null, overdue ? 'record--overdue' : null].filter(Boolean).join(' ')}>
                    <div className="task__row">
                      <TaskCheck task={task} disabled={update.isPending} onToggle={(checked, revert) => update.mutate({ id: task.id, version: task.version, patch: { done: checked } }, { onError: revert })} />
                      <div className="task__body">
                        <p className="task__title" dir="auto">
                          {task.title}
                        </p>
                        <p className="task__meta small">
                          <span className={overdue ? 'overdue' : undefined}>
                            {t('tasks.due', { date: formatDay(task.dueOn) })}
                            {overdue ? (
                              <span className="rec-badge rec-badge--danger overdue__badge">
                                <span aria-hidden="true">! </span>
                                {t('tasks.overdue')}
                              </span>
                            ) : null}
                          </span>
                          {task.assignedTo ? (
                            <>
                              {' · '}
                              <span dir="auto">{task.assignedTo}</span>
                            </>
                          ) : null}
                          {referral ? (
                            <>
                              {' · '}
                              {t('tasks.forReferral')} <span dir="auto">{referral.recipientOrg}</span>
                            </>
                          ) : null}
                          {done ? <span className="rec-badge rec-badge--success">{t('tasks.doneOn', { when: formatInstant(task.doneAt) })}</span> : null}
                        </p>
                      </div>
                      <Button variant="ghost" onClick={() => setEditing(task)} aria-label={t('tasks.editNamed', { title: task.title })}>
                        {t('records.edit')}
                      </Button>
                    </div>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </div>
      </Card>
    </div>
  );
}

/** Ticks at once (the saved state follows); reverts if the save fails and the list reloads. */
function TaskCheck({ task, disabled, onToggle }: { task: TaskDto; disabled: boolean; onToggle: (checked: boolean, revert: () => void) => void }) {
  const { t } = useTranslation();
  const saved = task.doneAt !== null;
  const [checked, setChecked] = useState(saved);
  useEffect(() => setChecked(saved), [saved, task.version]);
  return (
    <label className="task__check">
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(event) => {
          setChecked(event.target.checked);
          onToggle(event.target.checked, () => setChecked(saved));
        }}
      />
      <span className="visually-hidden">{t('tasks.doneLabel', { title: task.title })}</span>
    </label>
  );
}
