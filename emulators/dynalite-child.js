// dynalite as a child of the local runtime: listens on 127.0.0.1 (port 0 = any free one), keeps its LevelDB
// store in --path, prints "dynalite listening on port N", and exits when its parent goes away. The parent holds
// our stdin; when it dies, even by kill -9, the pipe closes and we exit, releasing the store's lock.
const args = process.argv.slice(2)
const option = (name) => { const i = args.indexOf('--' + name); return i >= 0 ? args[i + 1] : undefined }

const server = require('dynalite')({
  path: option('path'),
  createTableMs: 0,
  deleteTableMs: 0,
  updateTableMs: 0,
})
server.listen(Number(option('port') || 0), '127.0.0.1', () => {
  console.log('dynalite listening on port ' + server.address().port)
})

process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
process.stdin.resume()
process.on('SIGTERM', () => process.exit(0))
