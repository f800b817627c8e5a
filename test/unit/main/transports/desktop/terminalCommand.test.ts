import { describe, expect, it } from 'vitest'
import { desktopText } from '../../../../../src/main/transports/desktop/desktopText'
import { applicationMenu, terminalHelp } from '../../../../../src/main/transports/desktop/menu'
import { terminalCommand } from '../../../../../src/main/transports/desktop/terminalCommand'

describe('terminalCommand', () => {
  it('points an installed Linux or macOS copy at resources/bin/castor and says how to link it', () => {
    const linux = terminalCommand({ platform: 'linux', isPackaged: true, appPath: '/opt/Castor/resources/app.asar', resourcesPath: '/opt/Castor/resources' })
    expect(linux).toEqual({
      kind: 'installed',
      command: `'/opt/Castor/resources/bin/castor'`,
      onPath: `mkdir -p ~/.local/bin && ln -sf '/opt/Castor/resources/bin/castor' ~/.local/bin/castor`,
      shell: 'posix',
    })
    const mac = terminalCommand({ platform: 'darwin', isPackaged: true, appPath: '', resourcesPath: '/Applications/Castor.app/Contents/Resources' })
    expect(mac.command).toBe(`'/Applications/Castor.app/Contents/Resources/bin/castor'`)
    expect(mac.onPath).toBe(`sudo ln -sf '/Applications/Castor.app/Contents/Resources/bin/castor' /usr/local/bin/castor`)
  })

  it('quotes paths with spaces and quotes for their shell', () => {
    const win = terminalCommand({ platform: 'win32', isPackaged: true, appPath: '', resourcesPath: 'C:\\Users\\Анна Ли\\AppData\\Local\\Programs\\Castor\\resources' })
    expect(win).toEqual({
      kind: 'installed',
      command: '"C:\\Users\\Анна Ли\\AppData\\Local\\Programs\\Castor\\resources\\bin\\castor.cmd"',
      onPath: 'C:\\Users\\Анна Ли\\AppData\\Local\\Programs\\Castor\\resources\\bin',
      shell: 'cmd',
    })
    const odd = terminalCommand({ platform: 'linux', isPackaged: true, appPath: '', resourcesPath: "/home/o'hara/Castor/resources" })
    expect(odd.command).toBe(`'/home/o'\\''hara/Castor/resources/bin/castor'`)
  })

  it('warns that an AppImage path lasts only while it runs, and uses bin/castor.js in a clone', () => {
    const appImage = terminalCommand({ platform: 'linux', isPackaged: true, appPath: '', resourcesPath: '/tmp/.mount_CastorAb12/resources', appImage: '/home/a/Castor.AppImage' })
    expect(appImage.kind).toBe('appimage')
    expect(terminalHelp(appImage, desktopText.en).detail).toContain('--appimage-extract')
    const clone = terminalCommand({ platform: 'linux', isPackaged: false, appPath: '/src/castor', resourcesPath: '/x' })
    expect(clone).toMatchObject({ kind: 'development', command: `node '/src/castor/bin/castor.js'`, onPath: `cd '/src/castor' && npm link` })
  })
})

describe('Help › castor in a terminal', () => {
  it('shows the command, a serve example to copy and how to put it on PATH, in Russian and English', () => {
    const command = terminalCommand({ platform: 'linux', isPackaged: true, appPath: '', resourcesPath: '/opt/Castor/resources' })
    for (const language of ['ru', 'en'] as const) {
      const { detail, example } = terminalHelp(command, desktopText[language])
      expect(example).toBe(`'/opt/Castor/resources/bin/castor' serve ${desktopText[language].projectFile}`)
      expect(detail).toContain(example)
      expect(detail).toContain(command.onPath)
      expect(detail).not.toContain('--appimage-extract')
    }
    expect(Object.keys(desktopText.ru).sort()).toEqual(Object.keys(desktopText.en).sort())
    for (const [key, value] of Object.entries(desktopText.ru)) if (key !== 'ok') expect(value, key).not.toBe(desktopText.en[key as keyof typeof desktopText.en])
  })

  it('keeps the standard menus and adds the item under Help', () => {
    let shown = 0
    const menu = applicationMenu('linux', desktopText.ru, () => shown++)
    expect(menu.map((item) => item.role)).toEqual(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help'])
    expect(applicationMenu('darwin', desktopText.en, () => {})[0]).toEqual({ role: 'appMenu' })
    const help = menu.at(-1)!
    expect(help.label).toBe('Справка')
    const [item] = help.submenu as { label: string; click: () => void }[]
    expect(item.label).toBe(desktopText.ru.terminalItem)
    item.click()
    expect(shown).toBe(1)
  })
})
