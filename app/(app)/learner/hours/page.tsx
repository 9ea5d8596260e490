import type { Metadata } from 'next';
import { ActionForm } from '@/components/admin/ActionForm';
import { HoursPanel } from '@/components/hours/HoursPanel';
import { Card } from '@/components/ui/Card';
import { inputClass, labelClass } from '@/components/ui/Field';
import { PageHeader } from '@/components/ui/PageHeader';
import { getDb } from '@/db/client';
import { requireAccess } from '@/lib/auth/session';
import { ukDayOf } from '@/lib/format';
import { hoursSummary, loggableModules } from '@/lib/hours/read';
import { ACTIVITY_MAX } from '@/lib/hours/schemas';
import { logHoursAction, withdrawHoursAction } from './actions';

export const metadata: Metadata = { title: 'Learning hours' };

export default async function LearnerHoursPage() {
  const user = await requireAccess('own.hours');
  const [summary, modules] = await Promise.all([hoursSummary(user, user.id), loggableModules(getDb(), user.id)]);
  const today = ukDayOf(new Date());
  return (
    <>
      <PageHeader
        title="Learning hours"
        lead="Log the time you spend on your programme: study, workshops, shadowing, practice at work. Your coach sees it next to the hours your cohort plans, and your progress reviews quote it."
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Card title="Log time">
          <ActionForm
            action={logHoursAction}
            submitLabel="Log this time"
            pendingLabel="Logging…"
            success="Logged."
            resetOnSuccess
            className="space-y-4"
          >
            <div>
              <label htmlFor="hours-day" className={labelClass}>
                Day
              </label>
              <input
                id="hours-day"
                name="spentOn"
                type="date"
                max={today}
                defaultValue={today}
                required
                className={inputClass}
              />
            </div>
            <fieldset>
              <legend className={labelClass}>How long</legend>
              <div className="mt-1 flex gap-3">
                <div>
                  <label htmlFor="hours-hours" className="text-xs text-muted">
                    Hours
                  </label>
                  <input
                    id="hours-hours"
                    name="hours"
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={24}
                    defaultValue={1}
                    className={`${inputClass} w-24`}
                  />
                </div>
                <div>
                  <label htmlFor="hours-minutes" className="text-xs text-muted">
                    Minutes
                  </label>
                  <input
                    id="hours-minutes"
                    name="minutes"
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={59}
                    step={5}
                    defaultValue={0}
                    className={`${inputClass} w-24`}
                  />
                </div>
              </div>
            </fieldset>
            <div>
              <label htmlFor="hours-activity" className={labelClass}>
                What you did
              </label>
              <input
                id="hours-activity"
                name="activity"
                required
                maxLength={ACTIVITY_MAX}
                placeholder="For example: read the EE2 module and planned my witness statement"
                className={inputClass}
              />
            </div>
            <div>
              <label htmlFor="hours-module" className={labelClass}>
                Module <span className="font-normal text-muted">(optional)</span>
              </label>
              <select id="hours-module" name="moduleSlug" defaultValue="" className={inputClass}>
                <option value="">Not for one module</option>
                {modules.map((m) => (
                  <option key={m.slug} value={m.slug}>
                    {m.label}
                  </option>
                ))}
              </select>
            </div>
          </ActionForm>
        </Card>
        <Card title="Your hours">
          <HoursPanel
            summary={summary}
            entryAction={(e) => (
              <ActionForm
                action={withdrawHoursAction}
                submitLabel="Withdraw"
                pendingLabel="Withdrawing…"
                success="Withdrawn."
                button={{ variant: 'outline', size: 'touch-sm' }}
                confirm={`Withdraw this entry? It stays in the record as withdrawn and leaves every total.`}
                className="shrink-0"
              >
                <input type="hidden" name="id" value={e.id} />
              </ActionForm>
            )}
          />
        </Card>
      </div>
    </>
  );
}
