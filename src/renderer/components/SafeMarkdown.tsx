import Markdown, { defaultUrlTransform, type Components } from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { useTranslation } from 'react-i18next'

const remarkPlugins = [remarkGfm]

/** Images only from data: URLs, which load nothing from anywhere. */
export function isInlineImage(src: unknown): src is string {
  return typeof src === 'string' && /^data:image\/[a-z0-9.+-]+[;,]/i.test(src)
}

export function isWebLink(href: unknown): href is string {
  return typeof href === 'string' && /^https?:\/\//i.test(href)
}

function urlTransform(url: string, key: string): string {
  return key === 'src' && isInlineImage(url) ? url : defaultUrlTransform(url)
}

function MarkdownImage({ src, alt }: { src?: unknown; alt?: string }) {
  const { t } = useTranslation()
  if (isInlineImage(src)) return <img src={src} alt={alt ?? ''} />
  return <span className="md-image-alt">[{alt || t('markdown.image')}]</span>
}

function MarkdownLink({ href, children }: { href?: string; children?: React.ReactNode }) {
  if (isWebLink(href)) {
    return (
      <a href={href} target="_blank" rel="noopener noreferrer" title={href}>
        {children}
      </a>
    )
  }
  return (
    <span className="md-link-text">
      {children}
      {href ? <span className="md-link-url"> ({href})</span> : null}
    </span>
  )
}

const components: Components = {
  a: ({ href, children }) => <MarkdownLink href={href}>{children}</MarkdownLink>,
  img: ({ src, alt }) => <MarkdownImage src={src} alt={alt} />,
}

/**
 * Untrusted model output as markdown, inert: no raw HTML (react-markdown turns it into text without rehype-raw),
 * no remote images, links only to the web and never inside the app.
 */
export function SafeMarkdown({ text, className }: { text: string; className?: string }) {
  return (
    <div className={`markdown ${className ?? ''}`}>
      <Markdown remarkPlugins={remarkPlugins} components={components} urlTransform={urlTransform} skipHtml={false}>
        {text}
      </Markdown>
    </div>
  )
}
