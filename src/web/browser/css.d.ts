// Lets the type checker accept the stylesheet imports that esbuild bundles into each page's CSS file.
declare module '*.css';
