// A session's live figures: seats, people still to check in, checked in, waiting.
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
    <dl className="figures" aria-live="polite">
      <div>
        <dt>名额</dt>
        <dd>
          {figures.seatsTaken} / {figures.capacity}
        </dd>
      </div>
      <div>
        <dt>待签到</dt>
        <dd>
          {figures.confirmedPeople} 人（{figures.confirmedParties} 份）
        </dd>
      </div>
      <div>
        <dt>已签到</dt>
        <dd>
          {figures.attendedPeople} 人（{figures.attendedParties} 份）
        </dd>
      </div>
      <div>
        <dt>候补</dt>
        <dd>{figures.waitlistedParties} 份</dd>
      </div>
    </dl>
  )
}
