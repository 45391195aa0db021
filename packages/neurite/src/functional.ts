/** `nn.functional` of the umbrella: the core functions plus those of the first-party plugins. */
export * from '@neurite/nn/functional';
export { conv2d, maxPool2d, avgPool2d, adaptiveAvgPool2d, batchNorm, dropout2d, im2col, col2im } from '@neurite/cnn';
export { scaledDotProductAttention, multiHeadAttentionForward } from '@neurite/transformer';
