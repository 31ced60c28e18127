// Any address no other route takes: a 404 from a loader, so the root loader has run and the "not found" page is
// in the reader's language and text size (a URL that matches no route at all skips every loader).
import { notFound } from '~/utils/http-errors'

export function loader() {
  throw notFound()
}

export default function NotFound() {
  return null
}
