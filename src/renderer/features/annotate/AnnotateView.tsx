import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../stores/appStore'
import { isRevised, useWorkbenchStore } from '../../stores/workbenchStore'
import { criterionText } from '../item/criterionText'
import { AssistPanel } from '../routing/AssistPanel'
import { AnswerPane } from './AnswerPane'
import { GuidancePanel, ProjectGuidelineDialog } from './GuidancePanel'
import { useGuidance } from './useGuidance'
import { RevealPanel } from './RevealPanel'
import { ControlFeedbackNote } from './ControlFeedbackNote'
import { ScorePanel } from './ScorePanel'
import { ShortcutLegend } from './ShortcutLegend'
import { levelKey } from './scoreKeys'
import { useActivity, useAnnotateKeys } from './useAnnotateKeys'
import { WorkQueue } from './WorkQueue'

/** Shows the open item's active time, ticking once a second. */
function useTicker(): void {
  const [, setTick] = useState(0)
  useEffect(() => {
    const timer = setInterval(() => setTick((tick) => tick + 1), 1000)
    return () => clearInterval(timer)
  }, [])
}

/**
 * The annotation workbench: the caller's queue of assigned answers, the answer (instruction, reference, text) and
 * one criterion at a time with its rubric as buttons, the rationale and submit; the reveal after submit.
 */
export function AnnotateView() {
  const { t } = useTranslation()
  const projectPath = useAppStore((s) => s.project?.path ?? null)
  const language = useAppStore((s) => s.language)
  const store = useWorkbenchStore()
  const rationaleRef = useRef<HTMLTextAreaElement>(null)
  useTicker()

  useEffect(() => {
    store.bind(projectPath)
  }, [store.bind, projectPath]) // eslint-disable-line react-hooks/exhaustive-deps

  // Leaving the page or the screen sends what is pending.
  useEffect(() => {
    const flush = () => void useWorkbenchStore.getState().flush()
    window.addEventListener('pagehide', flush)
    return () => {
      window.removeEventListener('pagehide', flush)
      flush()
    }
  }, [])

  useActivity(store.activity, store.setVisible)

  const answer = store.answer
  const item = answer?.items[store.index] ?? null
  const text = item ? criterionText(item.criterion, language) : null
  const levels = text?.levels ?? []
  const guidance = useGuidance(answer?.responseId ?? null)
  const [projectGuidelineOpen, setProjectGuidelineOpen] = useState(false)
  const notApplicableAllowed = item ? guidance?.criteria[String(item.criterion.id)]?.notApplicableAllowed !== false : true

  useAnnotateKeys(
    {
      levels,
      onScore: store.setScore,
      onNotApplicable: () => notApplicableAllowed && store.setNotApplicable(),
      onStep: store.step,
      onSubmit: submitAndLeaveRationale,
      onProjectGuideline: () => setProjectGuidelineOpen(true),
    },
    rationaleRef,
  )

  /** Ctrl+Enter: after a successful submit the keys score and move again (J goes on to the next criterion). */
  function submitAndLeaveRationale(): void {
    void store.submit().then((ok) => {
      if (ok && document.activeElement === rationaleRef.current) {
        rationaleRef.current?.blur()
        document.querySelector<HTMLElement>('[data-testid="score-panel"]')?.focus()
      }
    })
  }

  const draft = item ? store.drafts[item.itemId] : undefined
  const digits = levels.length > 0 ? `${levelKey(levels, 0) ?? ''}–${levelKey(levels, levels.length - 1) ?? ''}` : '0–9'

  return (
    <main className="wb-screen" data-testid="view-annotate" data-annotate-keys>
      <WorkQueue
        entries={store.queue}
        total={store.queueTotal}
        openId={answer?.responseId ?? null}
        loadingNext={store.loadingNext}
        noMoreWork={store.noMoreWork}
        onOpen={(responseId) => void store.open(responseId)}
        onNext={() => void store.next()}
        onRange={store.ensureQueue}
      />
      {answer && item && text && draft ? (
        <>
          <AnswerPane
            instruction={answer.instruction.text}
            referenceAnswer={answer.instruction.referenceAnswer}
            answer={answer.text}
            model={answer.model}
            externalId={answer.instruction.externalId}
          />
          <div className="wb-side pane-scroll" tabIndex={-1}>
            {answer.items.every((entry) => store.drafts[entry.itemId]?.status === 'submitted') && (
              <div className="wb-all-done" role="status" data-testid="wb-all-done">
                <span>{t('workbench.item.allDone')}</span>
                <button type="button" className="primary" onClick={() => void store.next()} disabled={store.loadingNext}>
                  {t('workbench.queue.next')}
                </button>
              </div>
            )}
            {guidance && (
              <GuidancePanel guidance={guidance} criterionId={item.criterion.id} language={language} onProjectGuideline={() => setProjectGuidelineOpen(true)} />
            )}
            <ScorePanel
              ref={rationaleRef}
              notApplicableAllowed={notApplicableAllowed}
              key={item.itemId}
              text={text}
              externalId={item.criterion.externalId}
              index={store.index}
              total={answer.items.length}
              draft={draft}
              status={draft.status}
              dirty={isRevised(draft)}
              saveState={store.saveState[item.itemId] ?? 'idle'}
              problem={store.problem[item.itemId] ?? null}
              rationaleRequired={store.rationaleRequired}
              activeMs={store.activeMs()}
              submitting={store.submitting}
              onScore={store.setScore}
              onNotApplicable={store.setNotApplicable}
              onRationale={store.setRationale}
              onSubmit={() => void store.submit()}
              onStep={store.step}
            />
            <AssistPanel responseId={answer.responseId} itemId={item.itemId} />
            <ControlFeedbackNote feedback={store.controlFeedback[item.itemId] ?? null} />
            <RevealPanel
              submitted={draft.status === 'submitted'}
              experts={store.reveal[item.itemId]?.experts ?? null}
              judges={store.reveal[item.itemId]?.judges ?? null}
            />
            <ShortcutLegend digits={digits} />
          </div>
          {projectGuidelineOpen && <ProjectGuidelineDialog guidance={guidance?.project ?? null} onClose={() => setProjectGuidelineOpen(false)} />}
        </>
      ) : (
        <div className="wb-empty pane-placeholder" data-testid="wb-empty">
          {store.queueLoaded ? t('workbench.item.choose') : t('common.loading')}
        </div>
      )}
    </main>
  )
}
