// Stylesheets imported for their side effect, bundled by VitePress.
declare module '*.css';
