// Vite bundles the pdf.js worker as our own script and gives its URL (CSP: worker-src 'self').
declare module 'pdfjs-dist/build/pdf.worker.min.mjs?worker&url' {
  const url: string;
  export default url;
}
