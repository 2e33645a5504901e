test('nothing', () => {});
