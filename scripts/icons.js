#!/usr/bin/env node
// Renders resources/icons/castor.svg into the icon files the installers need, and commits nothing itself:
//   png/<N>x<N>.png  Linux icon set (electron-builder's linux.icon folder), icon.png for the window
//   icon.ico         Windows: PNG-compressed ICO entries (valid since Windows Vista)
//   icon.icns        macOS: PNG-compressed ic07..ic10 (128, 256, 512, 1024 px)
// The SVG is drawn by Chromium through Playwright (Debian's /usr/bin/chromium or CHROMIUM_PATH), so no image
// library is needed. Run it after editing the SVG: node scripts/icons.js
import fs from 'node:fs'
import path from 'node:path'
import { chromium } from '@playwright/test'

const iconsDir = path.resolve(import.meta.dirname, '..', 'resources', 'icons')
const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
const ICNS_TYPES = [
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
]

/** ICO: a 6-byte header, one 16-byte directory entry per image, then the PNG files themselves. */
export function packIco(images) {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0) // reserved
  header.writeUInt16LE(1, 2) // type: icon
  header.writeUInt16LE(images.length, 4)
  let offset = 6 + 16 * images.length
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16)
    entry.writeUInt8(size >= 256 ? 0 : size, 0) // 0 means 256
    entry.writeUInt8(size >= 256 ? 0 : size, 1)
    entry.writeUInt8(0, 2) // no palette
    entry.writeUInt8(0, 3)
    entry.writeUInt16LE(1, 4) // colour planes
    entry.writeUInt16LE(32, 6) // bits per pixel
    entry.writeUInt32LE(png.length, 8)
    entry.writeUInt32LE(offset, 12)
    offset += png.length
    return entry
  })
  return Buffer.concat([header, ...entries, ...images.map(({ png }) => png)])
}

/** ICNS: "icns" + total length, then per image its 4-letter type + length (header included) + PNG. */
export function packIcns(images) {
  const chunks = images.map(({ type, png }) => {
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(png.length + 8, 4)
    return Buffer.concat([head, png])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4)
  return Buffer.concat([head, ...chunks])
}

async function renderPngs(svg) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  })
  try {
    const page = await browser.newPage()
    const source = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
    const pngs = new Map()
    for (const size of PNG_SIZES) {
      await page.setViewportSize({ width: size, height: size })
      await page.setContent(`<body style="margin:0;background:transparent"><img src="${source}" width="${size}" height="${size}"></body>`)
      await page.locator('img').evaluate((img) => img.decode())
      pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }))
    }
    return pngs
  } finally {
    await browser.close()
  }
}

async function main() {
  const pngs = await renderPngs(fs.readFileSync(path.join(iconsDir, 'castor.svg'), 'utf8'))
  const pngDir = path.join(iconsDir, 'png')
  fs.mkdirSync(pngDir, { recursive: true })
  for (const [size, png] of pngs) fs.writeFileSync(path.join(pngDir, `${size}x${size}.png`), png)
  fs.writeFileSync(path.join(iconsDir, 'icon.png'), pngs.get(512))
  fs.writeFileSync(path.join(iconsDir, 'icon.ico'), packIco(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))))
  fs.writeFileSync(path.join(iconsDir, 'icon.icns'), packIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: pngs.get(size) }))))
  console.log(`icons: wrote ${pngs.size} PNGs, icon.png, icon.ico and icon.icns in ${path.relative(process.cwd(), iconsDir)}`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main()
