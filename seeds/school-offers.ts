// 馆校合作 offers at the venues the seed marks as receiving school groups. What the plans give is the programmes:
// Songjiang's district science museum runs 胖博士科普秀, 研学课程 and 科技场馆进校园 (plan 001 §五(十五)) and
// 大师课堂 (plan 000 §五(十五)). No plan or public source gives any venue's weekly slots, class sizes or grades, so
// every offer here is an EXAMPLE (loaded only with SEED_EXAMPLES, marked on its pages, removed by
// `npm run examples:remove`); with examples off, the school page lists these venues with how to contact them.
import type { SchoolOfferSeed } from './schema'

const PRIMARY_AND_MIDDLE = ['G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7', 'G8', 'G9']
const ALL_SCHOOL = [...PRIMARY_AND_MIDDLE, 'H1', 'H2', 'H3']
const MIDDLE_AND_HIGH = ['G6', 'G7', 'G8', 'G9', 'H1', 'H2', 'H3']

const exampleSource = 'example values (no plan or public source gives this venue’s slots or class sizes)'

/** Two weekday mornings and one afternoon, the pattern most Shanghai venues publish for school groups. */
const weekdaySlots = [
  { weekday: 2, start: '09:30', end: '11:00' },
  { weekday: 3, start: '13:30', end: '15:00' },
  { weekday: 4, start: '09:30', end: '11:00' },
]

function example(venue: string, grades: string[], maxStudentsPerSlot = 40): SchoolOfferSeed {
  return {
    venue,
    grades,
    maxStudentsPerSlot,
    studentsPerTeacher: 15,
    minNoticeDays: 5,
    slots: weekdaySlots,
    source: exampleSource,
  }
}

export const schoolOfferSeeds: SchoolOfferSeed[] = [
  {
    venue: 'songjiang-science-museum',
    grades: ALL_SCHOOL,
    maxStudentsPerSlot: 60,
    studentsPerTeacher: 15,
    minNoticeDays: 5,
    outreachPerDay: 1,
    slots: [...weekdaySlots, { weekday: 5, start: '09:30', end: '11:00' }],
    courses: [
      {
        title: '胖博士科普秀',
        durationMinutes: 45,
        grades: PRIMARY_AND_MIDDLE,
        description: '松江区科技馆面向青少年的科学秀（馆校合作）。',
      },
      {
        title: '研学课程：脑科学与人工智能',
        durationMinutes: 90,
        grades: MIDDLE_AND_HIGH,
        description: '在区科技馆“脑科学与人工智能”前沿主题展区开展的研学课程。',
      },
      {
        title: '大师课堂',
        durationMinutes: 90,
        grades: MIDDLE_AND_HIGH,
        description: '名师、科学家面向青少年的讲堂。',
      },
      {
        title: '科技场馆进校园',
        kind: 'OUTREACH',
        durationMinutes: 240,
        grades: ALL_SCHOOL,
        description: '科技馆把展品和课程送进校园。',
      },
    ],
    source: `courses: plan 001 §五(十五) (胖博士科普秀, 研学课程, 科技场馆进校园, 脑科学与人工智能展区) and plan 000 §五(十五) (大师课堂); slots and sizes: ${exampleSource}`,
  },
  example('shanghai-astronomy-museum', PRIMARY_AND_MIDDLE),
  example('shanghai-earthquake-museum', PRIMARY_AND_MIDDLE, 30),
  example('chenshan-botanical-garden', ['K', ...ALL_SCHOOL], 80),
  example('yuehu-sculpture-park', ['K', ...PRIMARY_AND_MIDDLE], 60),
  example('88-mu-field-base', ['K', ...PRIMARY_AND_MIDDLE]),
  example('g60-corridor-exhibition-hall', ALL_SCHOOL),
  example('songjiang-youth-centre', PRIMARY_AND_MIDDLE),
  example('qingpu-science-culture-centre', ALL_SCHOOL, 60),
  example('qingpu-xinniu-eco-park', ['K', ...PRIMARY_AND_MIDDLE]),
  example('xiayang-loquat-garden-base', PRIMARY_AND_MIDDLE, 30),
  example('oriental-land', ALL_SCHOOL, 120),
  example('shanghai-aerospace-science-centre', ALL_SCHOOL, 60),
  example('shanghai-metro-museum', PRIMARY_AND_MIDDLE),
  example('minhang-sports-park', PRIMARY_AND_MIDDLE, 60),
  example('sjtu-eco-environment-base', MIDDLE_AND_HIGH, 30),
  example('quectel-iot-base', MIDDLE_AND_HIGH, 30),
  example('minhang-earthquake-hall', PRIMARY_AND_MIDDLE, 30),
  example('pujiang-green-valley-base', ['K', ...PRIMARY_AND_MIDDLE]),
  example('shanghai-aerospace-education-base', ALL_SCHOOL),
  example('hanxiang-water-museum', PRIMARY_AND_MIDDLE),
  example('feifan-life-science-base', MIDDLE_AND_HIGH, 30),
]
