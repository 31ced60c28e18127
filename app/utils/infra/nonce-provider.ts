// The request's CSP nonce for components that render inline scripts (<Scripts>, <ScrollRestoration>). Set on the
// server only: browsers hide a nonce from the DOM once the page is parsed, so the client renders it empty.
import { createContext, useContext } from 'react'

const NonceContext = createContext('')
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
