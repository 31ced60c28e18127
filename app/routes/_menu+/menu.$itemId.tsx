import { getFormProps, getInputProps, getSelectProps, getTextareaProps } from '@conform-to/react'
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useMemo } from 'react'
import { HoneypotInputs, HoneypotProvider } from 'remix-utils/honeypot/react'
import { useHydrated } from 'remix-utils/use-hydrated'
import { CheckField, Field, FormErrors, SelectField } from '~/components/form-field'
import { PointFields, pickerArea } from '~/components/place-fields'
import { mapLinks } from '~/components/places-map'
import { deliveryDistricts, getMenuItem, placeOrder } from '~/models/menu/menu.server'
import { menuOrderSchema, SITE_KINDS } from '~/models/menu/schema'
import { publicFormProtection } from '~/utils/form-security.server'
import { handleForm, phoneLimits } from '~/utils/form.server'
import { orNotFound } from '~/utils/http-errors'
import { districtName, metaT, townName, useLocale } from '~/utils/i18n'
import { SHANGHAI_CENTER } from '~/utils/infra/map-config'
import { messageContext } from '~/utils/links.server'
import { redirectWithToast } from '~/utils/toast.server'
import { useFormReply } from '~/utils/use-form-reply'
import { useZodForm } from '~/utils/use-zod-form'

export const links = () => mapLinks

async function loadItem(itemId: string | undefined) {
  const item = orNotFound(await getMenuItem(itemId ?? ''))
  return item
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const item = await loadItem(params.itemId)
  // The outline and 街镇 centres let the picker orient without tiles (issue 30).
  const districts = await deliveryDistricts(item)
  const protection = await publicFormProtection(request)
  return json(
    { item, districts, csrfToken: protection.csrfToken, honeypotInputs: protection.honeypotInputs },
    { headers: { ...protection.headers, 'Cache-Control': 'private, no-store' } },
  )
}

export async function action({ params, request }: ActionFunctionArgs) {
  const item = await loadItem(params.itemId)
  return handleForm(request, {
    schema: menuOrderSchema,
    access: {
      public: true,
      honeypot: true,
      limits: (address, value, provenPhone) => [
        { key: `menu:addr:${address}`, limit: 20, windowSeconds: 3600 },
        ...(value ? phoneLimits('menu', value.phone, address, { perAddress: 10, windowSeconds: 86400, provenPhone }) : []),
      ],
    },
    async submit(value, { t }) {
      const order = await placeOrder(item.id, value, undefined, await messageContext(request))
      return redirectWithToast(request, `/menu/orders/${order.manageToken}`, t('menu.submitted'))
    },
  })
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches)
  return [{ title: data ? t('menu.orderTitle', { title: data.item.title }) : t('menu.title') }]
}

export default function MenuItemPage() {
  const { item, districts, csrfToken, honeypotInputs } = useLoaderData<typeof loader>()
  const reply = useFormReply()
  const navigation = useNavigation()
  const hydrated = useHydrated()
  const { t, language } = useLocale()
  const schema = useMemo(() => menuOrderSchema(t), [t])
  const [form, fields] = useZodForm(schema, {
    id: 'menu-order',
    lastResult: reply.result,
    defaultValue: { districtId: districts.length === 1 ? districts[0].id : undefined },
  })
  const district = districts.find((d) => d.id === fields.districtId.value) ?? (districts.length === 1 ? districts[0] : undefined)
  // Without JavaScript every district's 街镇 are listed by district (the server refuses one of another district).
  const townGroups = hydrated ? (district ? [district] : []) : districts
  return (
    <article className="detail">
      <p className="meta">
        <Link to="/menu">{t('menu.back')}</Link>
      </p>
      <p className="meta">
        <span className="badge">{t(`menuKind.${item.kind}`)}</span> {item.organisation.name}
      </p>
      <h1>{item.title}</h1>
      <p className="prose">{item.description}</p>
      <dl className="facts">
        <dt>{t('menu.audience')}</dt>
        <dd>{item.audience}</dd>
        <dt>{t('menu.duration')}</dt>
        <dd>{t('menu.durationValue', { count: item.durationMinutes })}</dd>
        <dt>{t('menu.groupSize')}</dt>
        <dd>{t('menu.groupSizeValue', { min: item.minGroup, max: item.maxGroup })}</dd>
        <dt>{t('menu.leadDays')}</dt>
        <dd>{t('menu.leadDaysValue', { count: item.leadDays })}</dd>
        <dt>{t('menu.deliversTo')}</dt>
        <dd>{districts.map((d) => districtName(d, language)).join(t('site.listSeparator'))}</dd>
        {item.topics.length ? (
          <>
            <dt>{t('menu.topics')}</dt>
            <dd>{item.topics.join(t('site.listSeparator'))}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t('menu.order')}</h2>
      <HoneypotProvider {...honeypotInputs}>
        <Form method="post" {...getFormProps(form)} className="stack-form">
          <input type="hidden" name="csrf" value={csrfToken} />
          <HoneypotInputs label={t('site.honeypot')} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <div className="field-row">
            <Field label={t('menu.siteName')} meta={fields.siteName}>
              <input {...getInputProps(fields.siteName, { type: 'text' })} />
            </Field>
            <SelectField
              label={t('menu.siteKind')}
              meta={fields.siteKind}
              placeholder={t('site.pleaseChoose')}
              options={SITE_KINDS.map((k) => ({ value: k, label: t(`siteKind.${k}`) }))}
            />
          </div>
          <div className="field-row">
            <SelectField
              label={t('menu.district')}
              meta={fields.districtId}
              placeholder={districts.length > 1 ? t('site.pleaseChoose') : undefined}
              options={districts.map((d) => ({ value: d.id, label: districtName(d, language) }))}
            />
            <Field label={t('menu.address')} meta={fields.siteAddress}>
              <input {...getInputProps(fields.siteAddress, { type: 'text' })} autoComplete="street-address" />
            </Field>
          </div>
          <Field label={t('menu.town')} meta={fields.townId}>
            <select {...getSelectProps(fields.townId)}>
              <option value="">{hydrated && !district ? t('form.townAfterDistrict') : t('form.townUnset')}</option>
              {townGroups.map((d) => (
                <optgroup key={d.id} label={districtName(d, language)}>
                  {d.towns.map((town) => (
                    <option key={town.id} value={town.id}>
                      {townName(town, language)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </Field>
          <fieldset className="location-fieldset">
            <legend>{t('menu.siteLocation')}</legend>
            <p className="hint">{t('menu.siteLocationHint')}</p>
            <p className="hint">{t('menu.siteLocationOptional')}</p>
            <PointFields
              lat={fields.lat}
              lng={fields.lng}
              fallbackCenter={district ? { lat: district.centerLat, lng: district.centerLng } : SHANGHAI_CENTER}
              area={district ? pickerArea(district, fields.townId.value, language === 'en') : undefined}
              label={t('menu.sitePicker')}
            />
          </fieldset>
          <div className="field-row">
            <Field label={t('menu.contactName')} meta={fields.contactName}>
              <input {...getInputProps(fields.contactName, { type: 'text' })} autoComplete="name" />
            </Field>
            <Field label={t('menu.phone')} meta={fields.phone}>
              <input {...getInputProps(fields.phone, { type: 'tel' })} inputMode="tel" autoComplete="tel" />
            </Field>
          </div>
          <Field label={t('form.email')} hint={t('form.emailHint')} meta={fields.email}>
            <input {...getInputProps(fields.email, { type: 'email' })} autoComplete="email" />
          </Field>
          <div className="field-row">
            <Field label={t('menu.preferredDates')} hint={t('menu.preferredDatesHint')} meta={fields.preferredDates}>
              <input {...getInputProps(fields.preferredDates, { type: 'text' })} />
            </Field>
            <Field label={t('menu.expectedAudience')} meta={fields.expectedAudience}>
              <input {...getInputProps(fields.expectedAudience, { type: 'number' })} inputMode="numeric" />
            </Field>
          </div>
          <Field label={t('menu.notes')} meta={fields.notes}>
            <textarea {...getTextareaProps(fields.notes)} rows={3} />
          </Field>
          <CheckField label={t('menu.consent')} meta={fields.consent}>
            <input {...getInputProps(fields.consent, { type: 'checkbox' })} />
          </CheckField>
          <button type="submit" className="primary" disabled={navigation.state === 'submitting'}>
            {t('menu.submit')}
          </button>
        </Form>
      </HoneypotProvider>
    </article>
  )
}
