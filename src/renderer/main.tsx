import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { applyLanguage, initI18n } from './i18n'
import { useAppStore } from './stores/appStore'
import { connectStores } from './stores/connectStores'
import { connectNavigation } from './navigation/connectNavigation'
import './styles/app.css'
import './styles/workbench.css'
import './styles/judge.css'
import './styles/analytics.css'
import './styles/setup.css'
import './styles/routing.css'
import './styles/controls.css'

async function start(): Promise<void> {
  await initI18n(useAppStore.getState().language)
  useAppStore.subscribe((state, previous) => {
    if (state.language !== previous.language) applyLanguage(state.language)
  })
  connectStores()
  connectNavigation()
  void useAppStore.getState().load()
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}

void start()
