import type { GradTensor, MemoryHooks } from './grad-tensor.js';
import { noGrad } from './grad-mode.js';
import { GradNode, LeafNode, OpNode } from './nodes.js';
import type { RuleContext, WindowGradient } from './rules/rule.js';
import { GradientSum } from './gradient-sum.js';

export interface BackwardOptions {
  /** Keep the saved tensors so the graph can be backpropagated again (PyTorch's retain_graph). */
  readonly retainGraph?: boolean;
}

/**
 * Nodes reachable from `root`, ordered so that every node comes before its parents. Iterative
 * depth-first search: graphs deeper than JavaScript's call stack (long RNN unrolls) must work.
 */
function topologicalOrder(root: GradNode): GradNode[] {
  const postOrder: GradNode[] = [];
  const visited = new Set<GradNode>([root]);
  const stack: { node: GradNode; nextParent: number }[] = [{ node: root, nextParent: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const parents = top.node instanceof OpNode ? top.node.parents : [];
    let descended = false;
    while (top.nextParent < parents.length) {
      const parent = parents[top.nextParent++];
      if (parent && !visited.has(parent)) {
        visited.add(parent);
        stack.push({ node: parent, nextParent: 0 });
        descended = true;
        break;
      }
    }
    if (!descended && top.nextParent >= parents.length) {
      postOrder.push(top.node);
      stack.pop();
    }
  }
  return postOrder.reverse();
}

function checkGradientShape(node: OpNode, index: number, gradient: GradTensor, input: GradTensor): void {
  const same = gradient.shape.length === input.shape.length && gradient.shape.every((d, i) => d === input.shape[i]);
  if (!same) {
    throw new Error(
      `backward: the gradient rule of '${node.name}' returned shape [${gradient.shape}] for input ${index} of shape [${input.shape}]`,
    );
  }
}

/**
 * Backpropagates `seed` (the gradient of `root`) through the graph, accumulating into the `grad` of
 * every leaf that requires it. Gradients are computed without recording a graph.
 */
export function backward(root: GradTensor, seed: GradTensor, hooks: MemoryHooks, options: BackwardOptions = {}): void {
  const rootNode = root.gradNode;
  if (!rootNode) {
    throw new Error('backward: the tensor does not require grad and has no grad function (did every input have requiresGrad = false, or was it computed in noGrad?)');
  }
  const order = topologicalOrder(rootNode);
  const pending = new Map<GradNode, GradientSum>();
  noGrad(() => {
    for (const node of order) {
      const sum = pending.get(node);
      if (node !== rootNode && !sum) continue;
      pending.delete(node);
      const gradient = node === rootNode ? seed : sum!.take();
      if (node instanceof LeafNode) {
        node.accumulate(gradient, hooks);
      } else if (node instanceof OpNode) {
        propagate(node, gradient, pending, hooks);
      }
      if (gradient !== seed) gradient.dispose();
    }
  });
  if (!options.retainGraph) {
    for (const node of order) if (node instanceof OpNode) node.freeSaved();
  }
}

function isWindow(value: GradTensor | WindowGradient): value is WindowGradient {
  return 'window' in value;
}

function propagate(node: OpNode, gradient: GradTensor, pending: Map<GradNode, GradientSum>, hooks: MemoryHooks): void {
  const { inputs, output } = node.saved;
  const context: RuleContext<unknown> = {
    grad: gradient,
    inputs,
    output,
    attributes: node.attributes,
    needsInputGrad: node.parents.map((parent) => parent !== null),
  };
  const rule = node.rule;
  const inputGradients = hooks.tidy(() => {
    const seen = new Set<GradTensor>([gradient]);
    // A rule may hand back the incoming gradient itself (or one tensor twice); every pending
    // gradient must be its own handle, since each is disposed once it has been propagated.
    const own = (g: GradTensor): GradTensor => {
      const owned = seen.has(g) ? g.detach() : g;
      seen.add(owned);
      return owned;
    };
    return rule(context).map((g, i): GradTensor | WindowGradient | null => {
      if (!node.parents[i] || !g) return null;
      return isWindow(g) ? { window: g.window, gradient: own(g.gradient) } : own(g);
    });
  });
  inputGradients.forEach((inputGradient, index) => {
    const parent = node.parents[index];
    if (!parent || !inputGradient) {
      if (inputGradient) (isWindow(inputGradient) ? inputGradient.gradient : inputGradient).dispose();
      return;
    }
    let sum = pending.get(parent);
    if (!sum) pending.set(parent, (sum = new GradientSum(inputs[index].shape)));
    if (isWindow(inputGradient)) {
      checkWindow(node, index, inputGradient, inputs[index]);
      sum.addWindow({ begin: inputGradient.window.begin, gradient: inputGradient.gradient });
    } else {
      checkGradientShape(node, index, inputGradient, inputs[index]);
      sum.addDense(inputGradient);
    }
  });
}

function checkWindow(node: OpNode, index: number, { window, gradient }: WindowGradient, input: GradTensor): void {
  const fits = window.begin.length === input.shape.length && window.begin.every((b, i) => b >= 0 && b + gradient.shape[i] <= input.shape[i]);
  if (!fits) {
    throw new Error(`backward: the gradient rule of '${node.name}' returned a window [${gradient.shape}] at [${window.begin}] outside input ${index} of shape [${input.shape}]`);
  }
}
