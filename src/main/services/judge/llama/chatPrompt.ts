import crypto from 'node:crypto'
import type { ChatWrapper, LlamaModel, Token } from 'node-llama-cpp'

/**
 * The judge prompt goes to the model as the single user message, with no system message, through the GGUF's own
 * chat template (tokenizer.chat_template, rendered by node-llama-cpp's Jinja engine exactly as Hugging Face's
 * apply_chat_template would, with the template's own defaults: no `enable_thinking` override). LlamaChatSession is
 * not used: it would add its default system prompt (~290 tokens) that the POLLUX judges never saw.
 */
export interface JudgeChatFormat {
  /** Renders the prompt as the model's input tokens (generation prompt included). */
  tokens(prompt: string): Token[]
  /** The same input as text, special tokens written out (for dry runs and tests). */
  text(prompt: string): string
  /** `jinja:<sha256 of the template>` or, without a template, the fallback's name. */
  templateId: string
  template: string | null
  /**
   * The template writes `<think>…</think>` (Qwen3 and the Pollux-4B judge trained on it): the model reasons first
   * and then gives a bare score, so constrained decoding must not force the `[FEEDBACK]` shape on it.
   */
  thinks: boolean
}

/** A chat template that opens or closes a `<think>` block: the model answers after its reasoning. */
export function templateThinks(template: string | null): boolean {
  return template !== null && template.includes('</think>')
}

export async function judgeChatFormat(model: LlamaModel): Promise<JudgeChatFormat> {
  const { JinjaTemplateChatWrapper, ChatMLChatWrapper } = await import('node-llama-cpp')
  const template = model.fileInfo.metadata.tokenizer?.chat_template ?? null
  let wrapper: ChatWrapper
  let templateId: string
  if (typeof template === 'string' && template.trim() !== '') {
    wrapper = new JinjaTemplateChatWrapper({ template, reasoning: null, tokenizer: model.tokenizer, trimLeadingWhitespaceInResponses: false })
    templateId = `jinja:${crypto.createHash('sha256').update(template).digest('hex')}`
  } else {
    // A GGUF without a template: ChatML, the format of every POLLUX judge's base model (Qwen2.5/Qwen3/T-lite/T-pro).
    wrapper = new ChatMLChatWrapper()
    templateId = 'chatml-fallback'
  }
  const render = (prompt: string) =>
    wrapper.generateContextState({ chatHistory: [{ type: 'user', text: prompt }, { type: 'model', response: [] }] }).contextText
  return {
    tokens: (prompt) => render(prompt).tokenize(model.tokenizer),
    text: (prompt) => model.detokenize(render(prompt).tokenize(model.tokenizer), true),
    templateId,
    template: typeof template === 'string' ? template : null,
    thinks: templateThinks(typeof template === 'string' ? template : null),
  }
}
