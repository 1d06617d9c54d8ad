{
  "format": "kyo-sig/1",
  "key": "516d2c98b7177f5d",
  "signature": "/NF5Oi9Au1Y9FGOCjeYd7lLBpro5k59fnZrq8TCnMpR15rzxTBZ58UDhlkLaKztdS+ryorzHXnpJykD7JI1gAA=="
}
