import { createI18n } from 'vue-i18n'
import en from './en'
import ja from './ja'

export type Locale = 'en' | 'ja'
const STORAGE_KEY = 'keizoku.locale'

function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY)
  if (saved === 'en' || saved === 'ja') return saved
  return navigator.language.toLowerCase().startsWith('ja') ? 'ja' : 'en'
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages: { en, ja },
  numberFormats: {
    en: { percent: { style: 'percent', maximumFractionDigits: 1 } },
    ja: { percent: { style: 'percent', maximumFractionDigits: 1 } }
  },
  datetimeFormats: {
    en: { short: { dateStyle: 'medium', timeStyle: 'short' } },
    ja: { short: { dateStyle: 'medium', timeStyle: 'short' } }
  }
})

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  localStorage.setItem(STORAGE_KEY, locale)
  document.documentElement.lang = locale
}
