// A lecturer's photo (or a placeholder of the same size) and the labels of their topics, in the reader's language.
import { useLocale } from '~/utils/i18n'
import type { LecturerAudience, LecturerTopic } from '~/models/lecturers/schema'

export function LecturerPhoto({ fileId, name, size = 160 }: { fileId: string | null; name: string; size?: number }) {
  const { t } = useLocale()
  return fileId ? (
    <img
      className="lecturer-photo"
      src={`/files/${fileId}`}
      alt={t('lecturer.photoOf', { name })}
      width={size}
      height={size}
      loading="lazy"
    />
  ) : (
    <div
      className="lecturer-photo lecturer-photo-empty"
      style={{ width: size, height: size }}
      role="img"
      aria-label={t('lecturer.noPhoto')}
    />
  )
}

export function useLecturerLabels() {
  const { t } = useLocale()
  return {
    topic: (key: string) => t(`lecturer.topic.${key as LecturerTopic}`),
    audience: (key: string) => t(`lecturer.audience.${key as LecturerAudience}`),
  }
}
