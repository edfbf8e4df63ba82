/**
 * happy-dom does no layout: every element measures 0×0, and a virtualiser shows nothing in a
 * 0-pixel window. This gives elements a fixed client size, like a real window of that size.
 */
export function fakeViewport(width: number, height: number): () => void {
  const proto = HTMLElement.prototype
  const saved = {
    w: Object.getOwnPropertyDescriptor(proto, 'clientWidth'),
    h: Object.getOwnPropertyDescriptor(proto, 'clientHeight')
  }
  Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => width })
  Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => height })
  return () => {
    if (saved.w) Object.defineProperty(proto, 'clientWidth', saved.w)
    else Reflect.deleteProperty(proto, 'clientWidth')
    if (saved.h) Object.defineProperty(proto, 'clientHeight', saved.h)
    else Reflect.deleteProperty(proto, 'clientHeight')
  }
}
