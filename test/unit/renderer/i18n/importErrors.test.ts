import fs from 'node:fs'
import path from 'node:path'
import i18next from 'i18next'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { CastorError, deserializeError, serializeError } from '../../../../src/shared/api/errors'
import { importReasonKeys, importReasonTexts, templatePlaceholders } from '../../../../src/shared/api/importReasons'
import { openProject } from '../../../../src/main/services/db'
import { importFile } from '../../../../src/main/services/importers'
import { ErrorDetails } from '../../../../src/renderer/components/ErrorDetails'
import { en } from '../../../../src/renderer/i18n/en'
import { ru } from '../../../../src/renderer/i18n/ru'
import { tempDir } from '../../../helpers/tempDir'
import { genericRow, jsonl } from '../../main/services/importers/importTestKit'

describe('import errors in the UI language', () => {
  it('have a Russian and an English string for every reason, with the placeholders of the CLI text', () => {
    for (const key of importReasonKeys) {
      const russian = ru.importErrors.reasons[key]
      const english = en.importErrors.reasons[key]
      expect(russian?.trim(), key).toBeTruthy()
      expect(english, key).toBe(importReasonTexts[key])
      // A Russian text may leave out a parameter the English names, never use one the error does not carry.
      for (const name of templatePlaceholders(russian)) expect(templatePlaceholders(english), `${key}: {{${name}}}`).toContain(name)
    }
  })

  it('render a real import error (a missing field on line 3) in Russian, and in English as the CLI says it', async () => {
    const dir = tempDir('castor-i18n-import-')
    const db = openProject(path.join(dir, 'p.castor'), { create: true })
    const file = path.join(dir, 'rows.jsonl')
    const broken = genericRow({ instruction_id: 'q3', model: 'YandexGPT' })
    delete broken.instruction
    fs.writeFileSync(file, jsonl([genericRow(), genericRow({ instruction_id: 'q2' }), broken]))
    let caught: unknown
    await importFile(db, file, { displayName: 'rows.jsonl' }).catch((error: unknown) => (caught = error))
    db.close()
    expect(caught).toBeInstanceOf(CastorError)
    // As the contract carries it: serialised in the job or the reply, then read back in the renderer.
    const error = deserializeError(JSON.parse(JSON.stringify(serializeError(caught))))
    expect(error.location?.reason).toEqual({ key: 'missing' })

    const render = async (language: 'ru' | 'en') => {
      const i18n = i18next.createInstance()
      await i18n.use(initReactI18next).init({ resources: { ru: { translation: ru }, en: { translation: en } }, lng: language, interpolation: { escapeValue: false }, showSupportNotice: false })
      return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(ErrorDetails, { error })))
    }
    const russian = await render('ru')
    expect(russian).toContain('rows.jsonl, строка 3: поле «instruction» отсутствует')
    expect(russian).not.toContain('is missing')
    const english = await render('en')
    expect(english).toContain(error.message.replace(/"/g, '&quot;'))
    expect(error.message).toBe('rows.jsonl, line 3: field "instruction" is missing')
  })

  it('say parameter words (a type) in Russian too', async () => {
    const error = new CastorError('invalid-input', 'x.jsonl, line 2: field "answer" must be text, not a list', {
      file: 'x.jsonl',
      line: 2,
      unit: 'line',
      field: 'answer',
      reason: { key: 'must-be-text', params: { type: 'a list' } },
    })
    const i18n = i18next.createInstance()
    await i18n.use(initReactI18next).init({ resources: { ru: { translation: ru } }, lng: 'ru', interpolation: { escapeValue: false }, showSupportNotice: false })
    const markup = renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(ErrorDetails, { error })))
    expect(markup).toContain('x.jsonl, строка 2: поле «answer» должно быть текстом, а не список')
  })
})
