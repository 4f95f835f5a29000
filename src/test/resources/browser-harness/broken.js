// What a careless page script might do: an error, and a raw resident ID number (synthetic) in the log.
console.error('deliberate harness error');
console.log('looked up 11010519491231002X');
