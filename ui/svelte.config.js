// Svelte 5 reads TypeScript in components natively; nothing to preprocess.
export default {};
