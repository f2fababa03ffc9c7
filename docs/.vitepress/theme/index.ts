// The default VitePress theme plus the `go-ts` layout: a Go block and its TypeScript port side by side.
import DefaultTheme from 'vitepress/theme';
import './custom.css';

export default DefaultTheme;
