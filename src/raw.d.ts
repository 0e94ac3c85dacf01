/** Text of a file imported with `?raw` (Vite in tests, the esbuild raw plugin in bundles). */
declare module '*?raw' {
  const text: string;
  export default text;
}
