// Questions asked once per child (decision 020): parsed from a form as the server parses it (conform + zod), so the
// names the page writes (`answers.childAge[0]` …) and the cut to the number of children are what is tested.
import { parseWithZod } from '@conform-to/zod'
import { describe, expect, it } from 'vitest'
import { answerText, answersForParty, readQuestions, registrationPageSchema, type RegistrationQuestion } from '~/models/registration/schema'

const questions: RegistrationQuestion[] = [
  { key: 'childAge', label: '孩子年龄', kind: 'number', required: true, perChild: true },
  { key: 'grade', label: '孩子年级', kind: 'choice', required: false, perChild: true, options: ['一年级', '二年级'] },
  { key: 'note', label: '备注', kind: 'text', required: false },
]
const schema = registrationPageSchema({ maxPartySize: 4, questions, requiresSmsCode: false })

function parse(fields: Record<string, string>) {
  const form = new FormData()
  for (const [name, value] of Object.entries({ name: '李', phone: '13812345678', adults: '1', consent: 'on', ...fields }))
    form.append(name, value)
  return parseWithZod(form, { schema })
}

describe('a question asked once per child', () => {
  it('is not asked when no child comes, even when required', () => {
    const result = parse({ children: '0' })
    expect(result.status).toBe('success')
    expect(result.status === 'success' && result.value.intent === 'register' && result.value.answers).toEqual({})
  })

  it('takes one answer per child, in order', () => {
    const result = parse({ children: '2', 'answers.childAge[0]': '5', 'answers.childAge[1]': '9', 'answers.grade[1]': '二年级' })
    expect(result.status).toBe('success')
    if (result.status !== 'success' || result.value.intent !== 'register') throw new Error('not parsed')
    expect(result.value.answers.childAge).toEqual([5, 9])
    expect(result.value.answers.grade).toEqual([undefined, '二年级'])
  })

  it("puts a missing required answer next to that child's input, also when the count grew after the page was drawn", () => {
    const result = parse({ children: '3', 'answers.childAge[0]': '5', 'answers.childAge[1]': '' })
    expect(result.status).toBe('error')
    expect(result.status === 'error' ? result.error : null).toEqual({
      'answers.childAge[1]': ['请填写“孩子年龄”'],
      'answers.childAge[2]': ['请填写“孩子年龄”'],
    })
  })

  it("says a missing child's answer in the same pass as the other fields' messages", () => {
    const result = parse({ children: '1', phone: '123', consent: '' })
    expect(Object.keys((result.status === 'error' && result.error) || {}).sort()).toEqual(['answers.childAge[0]', 'consent', 'phone'])
  })

  it('checks each answer by the question kind', () => {
    const result = parse({ children: '2', 'answers.childAge[0]': 'abc', 'answers.childAge[1]': '200', 'answers.grade[0]': '大学' })
    expect(result.status).toBe('error')
    expect(Object.keys((result.status === 'error' && result.error) || {}).sort()).toEqual([
      'answers.childAge[0]',
      'answers.childAge[1]',
      'answers.grade[0]',
    ])
  })

  it('drops (unchecked) answers typed for children no longer counted', () => {
    const result = parse({ children: '1', 'answers.childAge[0]': '6', 'answers.childAge[1]': 'not a number', 'answers.childAge[2]': '8' })
    expect(result.status).toBe('success')
    expect(result.status === 'success' && result.value.intent === 'register' && result.value.answers.childAge).toEqual([6])
    expect(answersForParty(questions, { childAge: [6, 7], note: 'x' }, 0)).toEqual({ note: 'x' })
  })

  it('reads perChild from stored questions, and shows a list of answers in order', () => {
    expect(readQuestions(questions).map((q) => q.perChild)).toEqual([true, true, undefined])
    expect(answerText([5, 9], '、')).toBe('5、9')
    expect(answerText([5, 9], ', ')).toBe('5, 9')
    expect(answerText(7, '、')).toBe('7')
    expect(answerText(undefined, '、')).toBe('')
  })
})
