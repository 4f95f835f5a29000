// Runs from a file, as the strict Content-Security-Policy demands (script-src 'self').
document.getElementById('script-status').textContent = 'The script ran.';
console.info('harness page ready');
