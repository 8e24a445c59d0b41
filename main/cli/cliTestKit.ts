/**
 * stderr of a command without the progress lines an export shows once it runs longer than a
 * second (as on a loaded machine): what tests compare is what the command had to say.
 */
export const withoutProgress = (err: string) => err.replace(/(\rExporting: [^\r\n]*)+\n?/g, '');
