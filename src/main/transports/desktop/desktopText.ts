import type { Language } from '@shared/api/models'

// Native menus and message boxes are drawn by the main process, so their strings live here, not in the
// renderer's i18n; the language is the one the app suggests from the OS locale.
const en = {
  helpMenu: 'Help',
  terminalItem: 'Use castor from a terminal…',
  terminalTitle: 'castor from a terminal',
  terminalIntro:
    'The castor command (import, export, judge, stats, report, serve…) comes with the app. Run it as:',
  terminalExample: 'For example, to let annotators work in their browsers:',
  onPathPosix: 'To type just "castor", link it into a folder on your PATH:',
  onPathWindows: 'To type just "castor", add this folder to your PATH (Settings › Environment variables):',
  onPathDevelopment: 'From a clone, npm link puts castor on your PATH:',
  appImage:
    'This path exists only while the AppImage is running. For a lasting command install the .deb, or extract the ' +
    'AppImage (--appimage-extract) and link squashfs-root/resources/bin/castor.',
  copy: 'Copy command',
  ok: 'OK',
  projectFile: 'project.castor',
  openFailed: 'Castor could not open the project',
  startFailed: 'Castor cannot start',
  nativeMissing: 'better-sqlite3 is not built for Electron yet. Run: node scripts/electron-native.js',
}

export type DesktopText = typeof en

const ru: DesktopText = {
  helpMenu: 'Справка',
  terminalItem: 'Команда castor в терминале…',
  terminalTitle: 'castor в терминале',
  terminalIntro: 'Команда castor (import, export, judge, stats, report, serve…) входит в приложение. Запуск:',
  terminalExample: 'Например, чтобы аннотаторы работали в браузере:',
  onPathPosix: 'Чтобы набирать просто «castor», создайте ссылку в папке из PATH:',
  onPathWindows: 'Чтобы набирать просто «castor», добавьте эту папку в PATH (Параметры › Переменные среды):',
  onPathDevelopment: 'В клоне репозитория npm link добавляет castor в PATH:',
  appImage:
    'Этот путь существует, только пока AppImage запущен. Для постоянной команды установите .deb или распакуйте ' +
    'AppImage (--appimage-extract) и сошлитесь на squashfs-root/resources/bin/castor.',
  copy: 'Скопировать команду',
  ok: 'OK',
  projectFile: 'проект.castor',
  openFailed: 'Castor не удалось открыть проект',
  startFailed: 'Castor не может запуститься',
  nativeMissing: 'better-sqlite3 ещё не собран для Electron. Выполните: node scripts/electron-native.js',
}

export const desktopText: Record<Language, DesktopText> = { en, ru }
