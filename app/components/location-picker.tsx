// Server-safe wrapper for the point picker: without JavaScript the latitude and longitude inputs still work.
import { ClientOnly } from 'remix-utils/client-only'
import { useTiles } from './places-map'
import LocationPicker, { type LocationPickerProps } from './location-picker.client'

export function LocationPickerBox(props: Omit<LocationPickerProps, 'tiles'>) {
  const tiles = useTiles()
  return (
    <ClientOnly fallback={<div className="places-map location-picker places-map-fallback"><p>地图选点需要 JavaScript；也可以直接填写下方的纬度和经度。</p></div>}>
      {() => <LocationPicker {...props} tiles={tiles} />}
    </ClientOnly>
  )
}
