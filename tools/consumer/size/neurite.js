// The umbrella, whole: every layer and plugin, data loading, and the three backends.
export * from 'neurite';
