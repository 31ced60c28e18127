// Server-safe wrapper for the point picker: without JavaScript the latitude and longitude inputs still work.
import { ClientOnly } from 'remix-utils/client-only'
import { useLocale } from '~/utils/i18n'
import LocationPicker, { type LocationPickerProps } from './location-picker.client'
import { useTiles } from './places-map'

export function LocationPickerBox(props: Omit<LocationPickerProps, 'tiles'>) {
  const tiles = useTiles()
  const { t } = useLocale()
  return (
    <ClientOnly
      fallback={
        <div className="places-map location-picker places-map-fallback">
          <p>{t('site.pickerNeedsJs')}</p>
        </div>
      }
    >
      {() => <LocationPicker {...props} tiles={tiles} />}
    </ClientOnly>
  )
}
