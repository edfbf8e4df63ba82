/** The core's REST client: one timeout, rate-limit and failure policy for every request. */
export {
  createRestClient,
  DEFAULT_MAX_RATE_LIMIT_WAITS,
  DEFAULT_TIMEOUT_MS,
  type HttpMethod,
  type PlatformLike,
  type ReadCall,
  type RequestOptions,
  type RestCallOptions,
  type RestClient,
  type RestClientOptions,
  type RestOutcome,
  type RestPolicy,
  type WriteCall
} from './client'
export {
  ApiErrorBody,
  describeFailure,
  failureStatus,
  issuesText,
  type ResponseLike,
  type RestFailure
} from './failure'
export { MultipartText } from './body'
export { DEFAULT_RETRY_AFTER_MS, httpStatusOf, onSdkRateLimit, sdkRetryAfterMs } from './sdk-errors'
