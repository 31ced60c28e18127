// The pieces every "where is it" form shares: the district and 街镇 selects, and a point picked on the map or typed.
import { getInputProps, getSelectProps } from '@conform-to/react'
import { useHydrated } from 'remix-utils/use-hydrated'
import { Field, type AnyFieldMeta } from '~/components/form-field'
import { LocationPickerBox } from '~/components/location-picker'
import { useLocale } from '~/utils/i18n'
import type { PickerArea } from '~/components/location-picker.client'
import type { LatLng } from '~/utils/infra/map-config'

export type DistrictChoice = { id: string; name: string; towns: Array<{ id: string; name: string }> }

/**
 * District, and its 街镇. Without JavaScript the 街镇 list holds every district's towns grouped by district, and the
 * server refuses a town of another district next to this field; with it, only the chosen district's group is
 * left (the group keeps its key, so a town already chosen stays chosen), and none until a district is chosen.
 */
export function DistrictTownFields({
  districts,
  district,
  town,
}: {
  districts: DistrictChoice[]
  district: AnyFieldMeta
  town: AnyFieldMeta
}) {
  const { t } = useLocale()
  const hydrated = useHydrated()
  const chosen = districts.find((d) => d.id === district.value) ?? (districts.length === 1 ? districts[0] : undefined)
  const groups = hydrated ? (chosen ? [chosen] : []) : districts
  return (
    <div className="field-row">
      <Field label={t('form.district')} meta={district}>
        <select {...getSelectProps(district)}>
          {districts.length > 1 ? <option value="">{t('site.pleaseChoose')}</option> : null}
          {districts.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('form.town')} meta={town}>
        <select {...getSelectProps(town)}>
          <option value="">{hydrated && !chosen ? t('form.townAfterDistrict') : t('form.townUnset')}</option>
          {groups.map((d) => (
            <optgroup key={d.id} label={d.name}>
              {d.towns.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </Field>
    </div>
  )
}

/** The centre of the chosen 街镇 when it belongs to the district (the map picker zooms there), else null. */
export function townCentre(
  district: { towns: Array<{ id: string; centerLat: number; centerLng: number }> },
  townId: unknown,
): LatLng | null {
  const town = district.towns.find((t) => t.id === townId)
  return town ? { lat: town.centerLat, lng: town.centerLng } : null
}

/** What the picker draws for a district: its outline, the chosen 街镇's centre to zoom to, and every 街镇 centre, named. */
export function pickerArea(
  district: {
    id: string
    outline: PickerArea['outline']
    towns: Array<{ id: string; name: string; nameEn?: string; centerLat: number; centerLng: number }>
  },
  townId: unknown,
  english = false,
): PickerArea {
  return {
    key: district.id,
    outline: district.outline,
    focus: townCentre(district, townId),
    towns: district.towns.map((town) => ({
      id: town.id,
      name: english && town.nameEn ? town.nameEn : town.name,
      center: { lat: town.centerLat, lng: town.centerLng },
    })),
  }
}

/** The map picker and the latitude and longitude inputs it fills (WGS-84); the inputs work on their own too. */
export function PointFields({
  lat,
  lng,
  fallbackCenter,
  area,
  label,
}: {
  lat: AnyFieldMeta
  lng: AnyFieldMeta
  fallbackCenter: LatLng
  /** The chosen district's outline, drawn on the map and fitted when no point is placed. */
  area?: PickerArea
  label: string
}) {
  const { t } = useLocale()
  return (
    <>
      <LocationPickerBox latInputId={lat.id} lngInputId={lng.id} fallbackCenter={fallbackCenter} area={area} label={label} />
      <div className="field-row">
        <Field label={t('form.latitude')} meta={lat}>
          <input {...getInputProps(lat, { type: 'text' })} inputMode="decimal" />
        </Field>
        <Field label={t('form.longitude')} meta={lng}>
          <input {...getInputProps(lng, { type: 'text' })} inputMode="decimal" />
        </Field>
      </div>
    </>
  )
}
