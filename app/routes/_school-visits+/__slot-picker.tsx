// The school visit form's slot picker: the coming weeks' days, each slot a radio with the room it has left; apart so the route stays thin.
import { formatCalendarDay } from '~/utils/format'
import { useLocale } from '~/utils/i18n'
import { minuteLabel, weekdayLabel } from '~/utils/school-visit-schema'
import type { FieldMetadata } from '@conform-to/react'
import type { SerializeFrom } from '@remix-run/node'
import type { SlotDay } from '~/models/school-visit.server'

export function SlotPicker({ slot, days }: { slot: FieldMetadata<string>; days: SerializeFrom<SlotDay>[] }) {
  const { t, language } = useLocale()
  return (
    <fieldset className={`slot-picker${slot.errors ? ' has-error' : ''}`} aria-describedby={slot.errors ? slot.errorId : undefined}>
      <legend>{t('school.slotLegend')}</legend>
      {slot.errors ? (
        <p id={slot.errorId} className="field-error">
          {slot.errors[0]}
        </p>
      ) : null}
      {days.length === 0 ? <p>{t('school.noSlots')}</p> : null}
      <div className="slot-days">
        {days.map((day) => (
          <div key={day.date} className="slot-day">
            <p className="slot-date">
              {formatCalendarDay(day.date, language)} {weekdayLabel(day.weekday, t)}
            </p>
            {day.closed ? (
              <p className="muted">{t('school.closedDay', { reason: day.closedReason ?? t('school.closedDefault') })}</p>
            ) : (
              day.slots.map((s) => (
                <label key={s.value} className={s.room > 0 ? 'slot' : 'slot slot-full'}>
                  <input
                    type="radio"
                    name={slot.name}
                    value={s.value}
                    disabled={s.room === 0}
                    defaultChecked={slot.initialValue === s.value}
                  />
                  {minuteLabel(s.start)}–{minuteLabel(s.end)} · {s.room > 0 ? t('school.room', { count: s.room }) : t('school.slotFull')}
                </label>
              ))
            )}
          </div>
        ))}
      </div>
    </fieldset>
  )
}
