// Reading a photo upload (decision 034) for the lecturer's own page and the staff roster alike: the multipart body
// with the file part held to IMAGE_MAX_BYTES (the server's body limit, per route, lets a little more through so
// this can answer next to the field instead of a bare 413), then the storage module's checks.
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'
import { IMAGE_MAX_BYTES } from '~/utils/infra/storage/index.server'
import { localized, Refusal } from '~/utils/refusal'

/** The form with its `photo` file (or the image field `field` names), or a refusal for that field (too large, missing). */
export async function readPhotoForm(request: Request, field = 'photo'): Promise<{ formData: FormData; photo: File }> {
  if (!(request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data'))
    throw new Refusal(localized('upload.empty'), field, 400, 'upload-empty')
  let formData: FormData
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: IMAGE_MAX_BYTES }))
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      throw new Refusal(localized('upload.tooLarge', { mb: IMAGE_MAX_BYTES / 1024 / 1024 }), field, 413, 'upload-too-large')
    throw error
  }
  const photo = formData.get(field)
  if (!(photo instanceof File) || photo.size === 0) throw new Refusal(localized('upload.empty'), field, 400, 'upload-empty')
  return { formData, photo }
}
