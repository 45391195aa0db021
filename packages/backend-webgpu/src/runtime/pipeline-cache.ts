/**
 * Compiled compute pipelines by key. A kernel's key names its shader text exactly (op, dtypes,
 * rank, addressing modes); shapes travel in uniforms, so one pipeline serves every shape of a kind.
 *
 * Pipelines compile asynchronously (`createComputePipelineAsync`), so a shader that fails to
 * compile (a plugin's WGSL, say) is an error attached to its entry rather than an invalid pipeline
 * that would poison every command recorded with it.
 */

/** The buffers a kernel binds in group 0, in order: read-only inputs, read-write outputs, then one uniform buffer. */
export interface BindingSignature {
  readonly inputs: number;
  readonly outputs: number;
  readonly uniform: boolean;
}

export interface PipelineEntry {
  readonly key: string;
  readonly layout: GPUBindGroupLayout;
  readonly signature: BindingSignature;
  /** Set once compiled. */
  pipeline?: GPUComputePipeline;
  /** Set when compilation failed. */
  error?: Error;
  /** Settles (never rejects) once `pipeline` or `error` is set. */
  readonly ready: Promise<void>;
}

export class PipelineCache {
  readonly #entries = new Map<string, PipelineEntry>();
  readonly #layouts = new Map<string, GPUBindGroupLayout>();

  constructor(private readonly device: GPUDevice) {}

  /**
   * The pipeline for `key`, compiling `source()` on first use. `label` names the kernel in a
   * compilation error (the op the user called, or the plugin's kernel name).
   */
  get(key: string, signature: BindingSignature, source: () => string, label: string, entryPoint = 'main'): PipelineEntry {
    const existing = this.#entries.get(key);
    if (existing) return existing;
    const layout = this.#layout(signature);
    const code = source();
    // A shader that does not parse is reported once, by the pipeline's rejection below (with the
    // compiler's messages), not a second time as an uncaptured validation error.
    this.device.pushErrorScope('validation');
    const module = this.device.createShaderModule({ code, label: key });
    void this.device.popErrorScope();
    const entry: PipelineEntry = {
      key,
      layout,
      signature,
      ready: this.device
        .createComputePipelineAsync({ layout: this.device.createPipelineLayout({ bindGroupLayouts: [layout] }), compute: { module, entryPoint }, label: key })
        .then(
          (pipeline) => {
            entry.pipeline = pipeline;
          },
          async (error: unknown) => {
            entry.error = new Error(`webgpu: the shader of '${label}' does not compile: ${await describeFailure(module, error)}`);
          },
        ),
    };
    this.#entries.set(key, entry);
    return entry;
  }

  get size(): number {
    return this.#entries.size;
  }

  #layout(signature: BindingSignature): GPUBindGroupLayout {
    const id = `${signature.inputs}/${signature.outputs}/${signature.uniform}`;
    let layout = this.#layouts.get(id);
    if (layout) return layout;
    const entries: GPUBindGroupLayoutEntry[] = [];
    for (let i = 0; i < signature.inputs; i++) entries.push({ binding: entries.length, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'read-only-storage' } });
    for (let i = 0; i < signature.outputs; i++) entries.push({ binding: entries.length, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } });
    if (signature.uniform) entries.push({ binding: entries.length, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } });
    layout = this.device.createBindGroupLayout({ entries, label: `neurite ${id}` });
    this.#layouts.set(id, layout);
    return layout;
  }
}

/** The compiler's own messages (line:column and text) where it gives them, else the error's message. */
async function describeFailure(module: GPUShaderModule, error: unknown): Promise<string> {
  try {
    const info = await module.getCompilationInfo();
    const errors = info.messages.filter((message) => message.type === 'error');
    if (errors.length > 0) return errors.map((message) => `${message.lineNum}:${message.linePos} ${message.message}`).join('; ');
  } catch {
    // fall through to the pipeline error
  }
  return error instanceof Error ? error.message : String(error);
}
