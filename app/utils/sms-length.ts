// How an SMS is billed. A text made only of GSM 03.38 characters is sent in GSM-7: 160 characters alone, 153 a part
// when it is split (the escape-table characters count twice). Anything else (Chinese, 「」, curly quotes, an en
// dash) makes the whole text UCS-2: 70 characters alone, 67 a part. Aliyun and Tencent count the signature 【…】 in,
// so the rendered text (which carries it) is what is measured.

const gsmBasic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
const gsmExtension = '^{}\\[~]|€\f'

export type SmsLength = { encoding: 'GSM-7' | 'UCS-2'; units: number; segments: number }

/** The encoding, length in billed units (GSM-7 septets or UTF-16 code units) and number of billed parts of an SMS text. */
export function smsLength(text: string): SmsLength {
  const chars = [...text]
  if (chars.every((c) => gsmBasic.includes(c) || gsmExtension.includes(c))) {
    const units = chars.reduce((sum, c) => sum + (gsmExtension.includes(c) ? 2 : 1), 0)
    return { encoding: 'GSM-7', units, segments: units <= 160 ? 1 : Math.ceil(units / 153) }
  }
  const units = text.length
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) }
}
