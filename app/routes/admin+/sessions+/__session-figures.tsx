// A session's live figures: seats, people still to check in, checked in, waiting.
import { FigureList } from '~/components/figure-list'

export type FiguresView = {
  capacity: number
  seatsTaken: number
  confirmedPeople: number
  attendedPeople: number
  attendedParties: number
  confirmedParties: number
  waitlistedParties: number
}

export function Figures({ figures }: { figures: FiguresView }) {
  return (
    <FigureList
      live
      figures={[
        ['名额', `${figures.seatsTaken} / ${figures.capacity}`],
        ['待签到', `${figures.confirmedPeople} 人（${figures.confirmedParties} 份）`],
        ['已签到', `${figures.attendedPeople} 人（${figures.attendedParties} 份）`],
        ['候补', `${figures.waitlistedParties} 份`],
      ]}
    />
  )
}
