/**
 * Vitest global set-up (Node, once per run, before the test workers start): decides whether the
 * WebGPU backend can run here and tells the workers through the environment, so that each test
 * file need not start a GPU device just to find out.
 *
 * On a Linux machine without a GPU, Dawn needs a software Vulkan driver: SwiftShader, which
 * Debian's Chromium ships. Where VK_ICD_FILENAMES is unset and that driver is present, it is used.
 */
import { existsSync } from 'node:fs';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
export const AVAILABILITY_VARIABLE = 'NEURITE_WEBGPU_UNAVAILABLE';

export default async function setup(): Promise<void> {
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  const reason = await unavailability();
  if (reason) process.env[AVAILABILITY_VARIABLE] = reason;
  else delete process.env[AVAILABILITY_VARIABLE];
}

/** Why WebGPU cannot start here, or undefined when it can. */
async function unavailability(): Promise<string | undefined> {
  try {
    const { createWebGpuBackend } = await import('@neurite/backend-webgpu');
    const backend = createWebGpuBackend();
    await backend.initialize();
    backend.dispose();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
