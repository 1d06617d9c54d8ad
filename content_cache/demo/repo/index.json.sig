{
  "format": "kyo-sig/1",
  "key": "516d2c98b7177f5d",
  "signature": "CWfZrwUAiw9/HlPvxFxWxvK7dAE0N0r4jh/rgp+/njOQIsixBpvKlZs5xyW94iA+omw6xPT6mbEuMiQSGuMOAQ=="
}
