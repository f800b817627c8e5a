import { useLayoutEffect, useRef, useState } from 'react'

/** Long plain text cut to a few lines, with a toggle that appears only when something is hidden. */
export function ClampedText({
  text,
  className,
  moreLabel,
  lessLabel,
  testId,
}: {
  text: string
  className?: string
  moreLabel: string
  lessLabel: string
  testId?: string
}) {
  const ref = useRef<HTMLParagraphElement>(null)
  const [expanded, setExpanded] = useState(false)
  const [overflows, setOverflows] = useState(false)

  useLayoutEffect(() => {
    setExpanded(false)
  }, [text])

  useLayoutEffect(() => {
    const element = ref.current
    if (element && !expanded) setOverflows(element.scrollHeight > element.clientHeight + 1)
  }, [text, expanded])

  return (
    <div className={className}>
      <p ref={ref} className={`clamped ${expanded ? '' : 'clamp'}`} data-testid={testId}>
        {text}
      </p>
      {(overflows || expanded) && (
        <button type="button" className="link-button" onClick={() => setExpanded((value) => !value)}>
          {expanded ? lessLabel : moreLabel}
        </button>
      )}
    </div>
  )
}
