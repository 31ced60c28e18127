// The home page's filters: a plain GET form, so they live in the URL and work without JavaScript; each field's
// problem is shown under it. Uncommon filters fold away under "more".
import { Form, Link, useSearchParams } from '@remix-run/react'
import { KeywordField } from '~/components/keyword-search'
import zhCN from '~/locales/zh-CN'
import {
  filtersToSearch,
  reachOptions,
  whenOptions,
  type EventFilters,
  type FilterProblem,
  type FilterProblems,
} from '~/utils/event-filters'
import { districtName, townName, useLocale } from '~/utils/i18n'
import type { filterChoices } from '~/models/event/search.server'

const categories = Object.keys(zhCN.category) as Array<keyof typeof zhCN.category>
const venueTypes = Object.keys(zhCN.venueType) as Array<keyof typeof zhCN.venueType>

type Choices = Awaited<ReturnType<typeof filterChoices>>
type Problems = FilterProblems

/** One labelled filter field; a problem with its value is shown under it and tied to it for screen readers. */
function FilterField({
  name,
  label,
  problem,
  children,
}: {
  name: string
  label: string
  problem?: FilterProblem
  children: React.ReactNode
}) {
  const { t } = useLocale()
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {children}
      {problem ? (
        <p id={`${name}-error`} className="field-error">
          {t(problem)}
        </p>
      ) : null}
    </div>
  )
}

function SelectFilter({
  name,
  label,
  value,
  emptyLabel,
  options,
  problem,
  children,
}: {
  name: string
  label: string
  value?: string
  emptyLabel?: string
  options?: Array<[string, string]>
  problem?: FilterProblem
  children?: React.ReactNode
}) {
  const { t } = useLocale()
  return (
    <FilterField name={name} label={label} problem={problem}>
      <select id={name} name={name} defaultValue={value ?? ''} {...invalidProps(name, problem)}>
        <option value="">{emptyLabel ?? t('site.all')}</option>
        {options?.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
        {children}
      </select>
    </FilterField>
  )
}

function DateFilter({ name, label, value, problem }: { name: string; label: string; value?: string; problem?: FilterProblem }) {
  return (
    <FilterField name={name} label={label} problem={problem}>
      <input id={name} name={name} type="date" defaultValue={value ?? ''} {...invalidProps(name, problem)} />
    </FilterField>
  )
}

const invalidProps = (name: string, problem?: FilterProblem) =>
  problem ? { 'aria-invalid': true, 'aria-describedby': `${name}-error` } : {}

export function FilterForm({ filters, problems, choices }: { filters: EventFilters; problems: Problems; choices: Choices }) {
  const { t, language } = useLocale()
  const [searchParams] = useSearchParams()
  const townOptions = choices.districts.map((d) => (
    <optgroup key={d.slug} label={districtName(d, language)}>
      {d.towns
        .map((town) => ({ id: town.id, label: townName(town, language) }))
        .sort((a, b) => a.label.localeCompare(b.label, language))
        .map((town) => (
          <option key={town.id} value={town.id}>
            {town.label}
          </option>
        ))}
    </optgroup>
  ))
  const moreOpen = Boolean(
    filters.from ||
    filters.to ||
    filters.town ||
    filters.venueType ||
    filters.topic ||
    filters.brand ||
    filters.nearTown ||
    filters.reach ||
    problems.from ||
    problems.to ||
    problems.near,
  )
  // Keyed by the query so the form shows the URL's values after every navigation.
  return (
    <Form method="get" className="filters" key={filtersToSearch(filters)} aria-label={t('home.filtersLabel')} preventScrollReset>
      {filters.near ? <input type="hidden" name="near" value={`${filters.near.lat},${filters.near.lng}`} /> : null}
      <KeywordField label={t('search.homeLabel')} value={filters.q} problem={problems.q} invalidValue={searchParams.get('q')} />
      <SelectFilter
        name="when"
        label={t('home.when')}
        value={filters.when}
        emptyLabel={t('home.whenAny')}
        options={whenOptions.map((w) => [w, t(`home.whenOption.${w}`)])}
      />
      <SelectFilter
        name="district"
        label={t('home.district')}
        value={filters.district}
        options={choices.districts.map((d) => [d.slug, districtName(d, language)])}
      />
      <SelectFilter
        name="category"
        label={t('home.category')}
        value={filters.category}
        options={categories.map((c) => [c, t(`category.${c}`)])}
      />
      <FilterField name="age" label={t('home.age')} problem={problems.age}>
        <input
          id="age"
          name="age"
          type="number"
          inputMode="numeric"
          min={0}
          max={120}
          defaultValue={filters.age ?? ''}
          {...invalidProps('age', problems.age)}
        />
      </FilterField>
      <details className="more-filters" open={moreOpen}>
        <summary>{t('home.moreFilters')}</summary>
        <div className="filter-grid">
          <DateFilter name="from" label={t('home.from')} value={filters.from} problem={problems.from} />
          <DateFilter name="to" label={t('home.to')} value={filters.to} problem={problems.to} />
          <SelectFilter name="town" label={t('home.town')} value={filters.town}>
            {townOptions}
          </SelectFilter>
          <SelectFilter
            name="venueType"
            label={t('home.venueType')}
            value={filters.venueType}
            options={venueTypes.map((v) => [v, t(`venueType.${v}`)])}
          />
          <SelectFilter
            name="topic"
            label={t('home.topic')}
            value={filters.topic}
            options={choices.topics.map((topic) => [topic, topic])}
          />
          <SelectFilter name="brand" label={t('home.brand')} value={filters.brand} options={choices.brands.map((b) => [b.slug, b.name])} />
          <SelectFilter
            name="nearTown"
            label={t('home.nearTown')}
            value={filters.nearTown}
            problem={problems.near}
            emptyLabel={filters.near ? t('home.selectedPoint') : t('home.noDistanceOrder')}
          >
            {townOptions}
          </SelectFilter>
          <SelectFilter
            name="reach"
            label={t('home.reach')}
            value={filters.reach}
            emptyLabel={t('home.reachAny')}
            options={reachOptions.map((r) => [r, t(`home.reachOption.${r}`)])}
          />
        </div>
      </details>
      <div className="field field-check">
        <input id="seatsLeft" name="seatsLeft" type="checkbox" value="1" defaultChecked={filters.seatsLeft ?? false} />
        <label htmlFor="seatsLeft">{t('home.seatsLeft')}</label>
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {t('home.filter')}
        </button>
        <Link to="/">{t('home.clearFilters')}</Link>
      </div>
    </Form>
  )
}
