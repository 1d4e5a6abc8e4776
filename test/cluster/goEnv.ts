// The environment every Go command of the build runs with.
// Static binaries, module graph exactly as committed (go.sum), no go.work from a parent directory.
export const goEnv = {
  ...process.env,
  CGO_ENABLED: '0',
  GOWORK: 'off',
  GOFLAGS: '-mod=readonly -buildvcs=false',
};
