// Size limits for src: no function over 80 lines and no class over 300, counted as written
// (from the first line to the last, comments and blank lines included). A rule table (an
// array or object literal of rules) is no function, so it is never counted.

export const MAX_FUNCTION_LINES = 80;
export const MAX_CLASS_LINES = 300;

/** The name a function or class is known by: its own, its variable's, its property's or its method's. */
function nameOf(node) {
  if (node.id?.name) return node.id.name;
  const parent = node.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if ((parent?.type === 'Property' || parent?.type === 'PropertyDefinition' || parent?.type === 'MethodDefinition') && parent.key.type === 'Identifier') return parent.key.name;
  return '(anonymous)';
}

/** @type {import('eslint').Rule.RuleModule} */
export const sizeLimits = {
  meta: {
    type: 'suggestion',
    docs: { description: `No function over ${MAX_FUNCTION_LINES} lines and no class over ${MAX_CLASS_LINES} lines.` },
    schema: [],
    messages: {
      tooLong: '{{kind}} {{name}} has {{lines}} lines (at most {{max}}): split it along its seams.',
    },
  },
  create(context) {
    const check = (node, kind, max) => {
      // A method is measured from its name, as it is written.
      const whole = node.parent?.type === 'MethodDefinition' ? node.parent : node;
      const lines = whole.loc.end.line - whole.loc.start.line + 1;
      const name = nameOf(node);
      if (lines > max) context.report({ node: whole, messageId: 'tooLong', data: { kind, name, lines, max } });
    };
    const fn = (node) => check(node, 'Function', MAX_FUNCTION_LINES);
    const cls = (node) => check(node, 'Class', MAX_CLASS_LINES);
    return { FunctionDeclaration: fn, FunctionExpression: fn, ArrowFunctionExpression: fn, ClassDeclaration: cls, ClassExpression: cls };
  },
};
